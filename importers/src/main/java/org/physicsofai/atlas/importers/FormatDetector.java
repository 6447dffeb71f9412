package org.physicsofai.atlas.importers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.physicsofai.atlas.importers.table.CsvReader;
import org.physicsofai.atlas.importers.table.CsvTable;
import org.physicsofai.atlas.importers.tensorboard.TensorBoardReader;
import org.physicsofai.atlas.importers.wandb.WandbChartCsvReader;
import org.physicsofai.atlas.importers.wandb.WandbLinks;

/**
 * Finds what to read in an imported folder or file: MLflow stores, W&amp;B run folders, Lightning
 * CSV logs, TensorBoard runs, W&amp;B chart exports and plain CSV and JSONL logs, in that order of
 * precedence (files inside an MLflow store or a W&amp;B run belong to them). With a format given,
 * only that format is looked for. Links are never followed.
 */
public final class FormatDetector {

    /** A folder or file to read in a format; {@code chart} marks a W&amp;B chart export. */
    public record Target(ImportFormat format, Path path, boolean chart) {}

    private static final Set<String> SPLIT_FOLDERS = Set.of("train", "validation", "valid", "val", "eval", "test");

    public List<Target> detect(Path root, ImportFormat only, ReadContext context) throws IOException {
        List<Target> targets = new ArrayList<>();
        if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
            file(root, only, targets, context, true);
            return targets;
        }
        Set<Path> claimed = new TreeSet<>();
        List<Path> links = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (claimed.stream().anyMatch(dir::startsWith)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (isMlflowStore(dir) && want(only, ImportFormat.MLFLOW)) {
                    targets.add(new Target(ImportFormat.MLFLOW, dir, false));
                    claimed.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (isWandbRun(dir) && want(only, ImportFormat.WANDB)) {
                    targets.add(new Target(ImportFormat.WANDB, dir, false));
                    claimed.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (Files.isRegularFile(dir.resolve("metrics.csv"))
                        && Files.isRegularFile(dir.resolve("hparams.yaml"))
                        && want(only, ImportFormat.LIGHTNING)) {
                    targets.add(new Target(ImportFormat.LIGHTNING, dir, false));
                    claimed.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (hasEventFiles(dir) && want(only, ImportFormat.TENSORBOARD)) {
                    String name = dir.getFileName() == null
                            ? ""
                            : dir.getFileName().toString().toLowerCase(Locale.ROOT);
                    Path run = SPLIT_FOLDERS.contains(name) && !dir.equals(root) ? dir.getParent() : dir;
                    if (!claimed.contains(run)) {
                        targets.add(new Target(ImportFormat.TENSORBOARD, run, false));
                        claimed.add(run);
                    }
                    return run.equals(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    links.add(file);
                } else if (claimed.stream().noneMatch(file::startsWith)) {
                    file(file, only, targets, context, false);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        context.skip("links (never followed)", (int)
                links.stream().filter(l -> !WandbLinks.isWandbOwn(l)).count());
        return targets;
    }

    private static boolean want(ImportFormat only, ImportFormat format) {
        return only == null || only == format;
    }

    private static void file(Path file, ImportFormat only, List<Target> targets, ReadContext context, boolean explicit)
            throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (TensorBoardReader.isEventFile(file) && want(only, ImportFormat.TENSORBOARD)) {
            if (explicit) {
                targets.add(new Target(ImportFormat.TENSORBOARD, file.getParent(), false));
            }
        } else if (name.endsWith(".csv") && (want(only, ImportFormat.CSV) || want(only, ImportFormat.WANDB))) {
            boolean chart = isChart(file);
            if (chart && want(only, ImportFormat.WANDB)) {
                targets.add(new Target(ImportFormat.WANDB, file, true));
            } else if (want(only, ImportFormat.CSV)) {
                targets.add(new Target(ImportFormat.CSV, file, false));
            }
        } else if ((name.endsWith(".jsonl") || name.endsWith(".ndjson")) && want(only, ImportFormat.JSONL)) {
            targets.add(new Target(ImportFormat.JSONL, file, false));
        } else if (explicit) {
            if (only != null && only != ImportFormat.MLFLOW && only != ImportFormat.WANDB) {
                targets.add(new Target(only, file, false));
            } else {
                context.problem(new ImportProblem(
                        context.name(file),
                        0,
                        "not a format the Atlas reads (expected a folder, a zip, an event file, .csv or .jsonl)"));
            }
        }
    }

    private static boolean isChart(Path file) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        }
        try {
            List<CsvTable.Row> rows = CsvTable.parse(CsvReader.firstLines(head, 1));
            return !rows.isEmpty()
                    && WandbChartCsvReader.isChartHeader(rows.get(0).fields());
        } catch (CsvTable.CsvProblem e) {
            return false;
        }
    }

    /** A folder whose experiment folders hold a meta.yaml and run folders with their own meta.yaml. */
    static boolean isMlflowStore(Path dir) {
        try (var children = Files.list(dir)) {
            return children.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .anyMatch(FormatDetector::isMlflowExperiment);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isMlflowExperiment(Path dir) {
        Path meta = dir.resolve("meta.yaml");
        if (!Files.isRegularFile(meta, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            String text = Files.readString(meta, StandardCharsets.UTF_8);
            return text.contains("experiment_id") && !text.contains("run_id") && !text.contains("run_uuid");
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isWandbRun(Path dir) {
        Path files = Files.isDirectory(dir.resolve("files"), LinkOption.NOFOLLOW_LINKS) ? dir.resolve("files") : dir;
        return Files.isRegularFile(files.resolve("wandb-summary.json"), LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(files.resolve("wandb-metadata.json"), LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(dir.resolve("wandb-history.jsonl"), LinkOption.NOFOLLOW_LINKS)
                || WandbLinks.hasTransactionLog(dir);
    }

    private static boolean hasEventFiles(Path dir) {
        try (var children = Files.list(dir)) {
            return children.anyMatch(
                    p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && TensorBoardReader.isEventFile(p));
        } catch (IOException e) {
            return false;
        }
    }
}
