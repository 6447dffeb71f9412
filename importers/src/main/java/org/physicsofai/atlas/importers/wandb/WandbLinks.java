package org.physicsofai.atlas.importers.wandb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.physicsofai.atlas.importers.ReadContext;

/**
 * The symbolic links wandb itself makes in its folders, which an import skips (never following
 * them) with a note instead of refusing the folder:
 *
 * <ul>
 *   <li>{@code <run folder>/logs/debug-core.log}, to the wandb-core log in the user's cache;
 *   <li>in the {@code wandb/} folder that holds the run folders: {@code latest-run}, to the newest
 *       run folder, and {@code debug.log} and {@code debug-internal.log}, to that run's logs.
 * </ul>
 *
 * Any other link is still refused. A link is recognised by its name and place, and for the last
 * three by where it points ({@code run-...}, {@code .../logs/debug.log}), read without following it.
 */
public final class WandbLinks {

    private static final Pattern RUN_FOLDER = Pattern.compile("(?:offline-)?run-\\d{8}_\\d{6}-[A-Za-z0-9]+");
    private static final Set<String> LOG_LINKS = Set.of("debug.log", "debug-internal.log");

    private WandbLinks() {}

    /**
     * The links of {@code links} that wandb did not make; wandb's own are noted in {@code context}.
     *
     * @param links the links found under an imported folder
     */
    public static List<Path> refused(List<Path> links, ReadContext context) {
        List<Path> refused = new ArrayList<>();
        for (Path link : links) {
            if (isWandbOwn(link)) {
                context.note(context.name(link) + ": a link wandb makes to its own log or newest run; skipped,"
                        + " not followed");
                context.skip("links that wandb makes (skipped, not followed)", 1);
            } else {
                refused.add(link);
            }
        }
        return refused;
    }

    public static boolean isWandbOwn(Path link) {
        Path name = link.getFileName();
        Path parent = link.getParent();
        if (name == null || parent == null || !Files.isSymbolicLink(link)) {
            return false;
        }
        String file = name.toString();
        if (file.equals("debug-core.log")) {
            Path run = parent.getParent();
            return parent.getFileName() != null
                    && parent.getFileName().toString().equals("logs")
                    && run != null
                    && isRunFolder(run);
        }
        if (!file.equals("latest-run") && !LOG_LINKS.contains(file)) {
            return false;
        }
        if (!holdsRunFolders(parent)) {
            return false;
        }
        String target;
        try {
            target = Files.readSymbolicLink(link).toString().replace('\\', '/');
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        String last = target.substring(target.lastIndexOf('/') + 1);
        if (file.equals("latest-run")) {
            return RUN_FOLDER.matcher(last).matches();
        }
        return target.endsWith("/logs/" + file);
    }

    /** A run folder: named {@code run-<date>_<time>-<id>} (or {@code offline-run-...}), or holding a transaction log. */
    private static boolean isRunFolder(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && (dir.getFileName() != null
                                && RUN_FOLDER
                                        .matcher(dir.getFileName().toString())
                                        .matches()
                        || hasTransactionLog(dir));
    }

    private static boolean holdsRunFolders(Path dir) {
        try (var children = Files.list(dir)) {
            return children.anyMatch(WandbLinks::isRunFolder);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a folder holds a {@code .wandb} file that starts with the transaction log's header. */
    public static boolean hasTransactionLog(Path dir) {
        try (var children = Files.list(dir)) {
            return children.anyMatch(p -> p.getFileName().toString().endsWith(".wandb")
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    && startsWithHeader(p));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean startsWithHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return TransactionLog.hasHeader(in.readNBytes(TransactionLog.HEADER));
        } catch (IOException e) {
            return false;
        }
    }
}
