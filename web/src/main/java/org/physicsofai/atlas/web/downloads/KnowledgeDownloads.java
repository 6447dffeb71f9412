package org.physicsofai.atlas.web.downloads;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The accepted knowledge (the default graph) as gzipped N-Triples and Turtle files in the data
 * directory's {@code downloads} folder, written again after every change to it. Each file is written
 * beside its final name and moved over it in one step, so a download never sees half a file. Changes
 * that arrive while a file is being written are gathered into one more run. Only the server writes
 * them: commands run without it.
 */
@Component
@ConditionalOnWebApplication
public class KnowledgeDownloads implements SmartInitializingSingleton, DisposableBean {

    /** A file offered for download, as last written. */
    public record Download(
            String name,
            String mediaType,
            String format,
            Path path,
            long bytes,
            long triples,
            String sha256,
            Instant written) {}

    private static final Logger log = LoggerFactory.getLogger(KnowledgeDownloads.class);

    static final List<String> NAMES = List.of("atlas-knowledge.nt.gz", "atlas-knowledge.ttl.gz");

    private final KnowledgeStore store;
    private final Path folder;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "atlas-downloads");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Map<String, Download> current = new ConcurrentHashMap<>();

    public KnowledgeDownloads(KnowledgeStore store, AtlasProperties properties) {
        this.store = store;
        this.folder = properties.dataDir().resolve("downloads");
    }

    /** After the seed is loaded: write the files once, then after every change. */
    @Override
    public void afterSingletonsInstantiated() {
        store.addListener(change -> schedule());
        schedule();
    }

    /** The file of this name as last written, if it has been written. */
    public Optional<Download> download(String name) {
        return Optional.ofNullable(current.get(name));
    }

    public List<Download> downloads() {
        return NAMES.stream().map(current::get).filter(d -> d != null).toList();
    }

    private void schedule() {
        if (queued.compareAndSet(false, true)) {
            writer.execute(() -> {
                queued.set(false);
                try {
                    writeAll();
                } catch (IOException | RuntimeException e) {
                    log.error("Cannot write the knowledge downloads in {}", folder, e);
                }
            });
        }
    }

    private void writeAll() throws IOException {
        Files.createDirectories(folder);
        current.put(NAMES.get(0), write(NAMES.get(0), "application/n-triples", RDFFormat.NTRIPLES_UTF8));
        current.put(NAMES.get(1), write(NAMES.get(1), "text/turtle", RDFFormat.TURTLE_BLOCKS));
    }

    private Download write(String name, String format, RDFFormat rdfFormat) throws IOException {
        Path target = folder.resolve(name);
        Path partial = folder.resolve(name + ".partial");
        MessageDigest digest = sha256();
        long[] triples = {0};
        try (OutputStream file = Files.newOutputStream(partial);
                DigestOutputStream digesting = new DigestOutputStream(file, digest);
                GZIPOutputStream gzip = new GZIPOutputStream(digesting, 1 << 16)) {
            StreamRDF out = StreamRDFWriter.getWriterStream(gzip, rdfFormat);
            store.export(new DefaultGraphTriples(out, triples), false);
        }
        Instant written = Instant.now();
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Download(
                name,
                "application/gzip",
                format,
                target,
                Files.size(target),
                triples[0],
                HexFormat.of().formatHex(digest.digest()),
                written);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Lets a file being written finish, so that no half-written file is left beside the published ones. */
    @Override
    public void destroy() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
            writer.shutdownNow();
        }
    }

    /** The default graph's quads as triples, with the Atlas prefixes declared first. */
    private static final class DefaultGraphTriples extends StreamRDFWrapper {
        private final long[] count;

        DefaultGraphTriples(StreamRDF out, long[] count) {
            super(out);
            this.count = count;
        }

        @Override
        public void start() {
            super.start();
            AtlasOntology.prefixes().getNsPrefixMap().forEach(this::prefix);
        }

        @Override
        public void quad(Quad quad) {
            if (quad.isDefaultGraph()) {
                count[0]++;
                triple(quad.asTriple());
            }
        }
    }
}
