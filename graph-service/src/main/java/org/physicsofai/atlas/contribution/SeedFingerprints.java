package org.physicsofai.atlas.contribution;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a start on an existing data directory skip parsing the ontology and the seed when they are the
 * files last loaded. A small file in the data directory records, per bundle, the digest of the files'
 * bytes and the content hash of the seed contribution they gave. When the bytes have the recorded
 * digest and the store's latest seed contribution of the bundle still has the recorded content hash,
 * {@link SeedLoader#load} would find the same and change nothing, so it is not called; otherwise it is,
 * and the record is renewed. Deleting the file only costs the next start a parse.
 */
public final class SeedFingerprints {

    private static final Logger log = LoggerFactory.getLogger(SeedFingerprints.class);

    private final Path file;

    /** @param file where the record is kept (in the data directory) */
    public SeedFingerprints(Path file) {
        this.file = file;
    }

    /**
     * Loads a bundle through {@code loader} unless it is unchanged since it was last loaded into {@code store}.
     *
     * @return whether the bundle was parsed (and loaded if changed)
     */
    public boolean load(SeedLoader loader, KnowledgeStore store, String bundle, Map<String, byte[]> files) {
        String digest = digest(files);
        Properties known = read();
        String recorded = known.getProperty(bundle);
        if (recorded != null && recorded.startsWith(digest + " ")) {
            String contentHash = recorded.substring(digest.length() + 1);
            Optional<ContributionRecord> last =
                    store.contributions(new ContributionFilter(null, ContributionMethod.SEED, bundle, 1)).stream()
                            .findFirst();
            if (last.isPresent() && last.get().contentHash().equals(contentHash)) {
                log.debug(
                        "{} unchanged since it was loaded as {}: not parsed",
                        bundle,
                        last.get().iri());
                return false;
            }
        }
        String contentHash = loader.load(bundle, files).contribution().contentHash();
        known.setProperty(bundle, digest + " " + contentHash);
        write(known);
        return true;
    }

    /** The SHA-256 of the files in name order: each name, its length and its bytes. */
    static String digest(Map<String, byte[]> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        new TreeMap<>(files).forEach((name, bytes) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(bytes);
        });
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private Properties read() {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Cannot read {} ({}); the seed is checked by parsing it", file.getFileName(), e.getMessage());
                return new Properties();
            }
        }
        return properties;
    }

    private void write(Properties properties) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(
                        out, "Digests of the seed files last loaded (delete to make the next start parse them)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot record the seed's digests in {}: {}", file, e.getMessage());
        }
    }
}
