package org.physicsofai.atlas.importers.wandb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.physicsofai.atlas.importers.ConfigValues;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.JsonValues;
import org.physicsofai.atlas.importers.LenientYaml;
import org.physicsofai.atlas.importers.LogFileRef;
import org.physicsofai.atlas.importers.MetricData;
import org.physicsofai.atlas.importers.ReadContext;
import org.physicsofai.atlas.importers.RunData;
import org.physicsofai.atlas.importers.RunResult;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.importers.Utf8;
import org.physicsofai.atlas.importers.table.JsonlReader;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Weights &amp; Biases run folder ({@code run-<date>-<id>/} or its {@code files/}):
 * {@code config.yaml} in the 0.12 layout ({@code wandb_version}, {@code desc}/{@code value}) and the
 * newer one ({@code value} only), {@code wandb-summary.json} (final values, nested keys flattened),
 * {@code wandb-history.jsonl} when the client wrote one (pre-0.10), and from {@code
 * wandb-metadata.json} only fields that say nothing about the person: never email, user name, host,
 * paths or command-line arguments. Since wandb 0.10 the history is only in the run's transaction log
 * ({@code run-<id>.wandb}, see {@link TransactionLog} and {@link WandbRunLog}): when the folder holds
 * one, it is read whole, as {@code wandb sync} reads it, and gives the run's id, name, start, end and
 * state, its history, its config (over {@code config.yaml}) and, when {@code wandb-summary.json} is
 * missing, its summary. The report notes what came from which file.
 */
public final class WandbReader {

    private static final Pattern RUN_FOLDER = Pattern.compile("(?:offline-)?run-\\d{8}_\\d{6}-([A-Za-z0-9]+)");
    /** The metadata fields that may be imported; everything else (email, username, host, paths...) never is. */
    private static final List<String> SAFE_METADATA =
            List.of("python", "os", "gpu", "gpu_count", "cpu_count", "codePath", "git.commit", "git.remote");

    public void read(Path folder, ReadContext context) throws IOException {
        RunData.Summary summary = null;
        RunResult result = new RunResult();
        Path files = Files.isDirectory(folder.resolve("files"), LinkOption.NOFOLLOW_LINKS)
                ? folder.resolve("files")
                : folder;
        List<LogFileRef> refs = new ArrayList<>();
        Map<String, Object> config = new TreeMap<>();
        Instant started = null;
        StringBuilder identity = new StringBuilder();
        List<String> configFrom = new ArrayList<>();
        String historyFrom = null;
        String summaryFrom = null;

        Path configFile = files.resolve("config.yaml");
        if (Files.isRegularFile(configFile, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = Files.readAllBytes(configFile);
            refs.add(context.file(configFile, bytes, ImportFormat.WANDB));
            identity.append(refs.getLast().hash());
            String text = Utf8.decode(bytes, context.name(configFile), result);
            try {
                config.putAll(config(text == null ? null : LenientYaml.load(text), result));
                configFrom.add(context.name(configFile));
            } catch (LenientYaml.YamlProblem e) {
                result.problem(context.name(configFile), e.line(), e.getMessage());
            }
        }
        Path metadataFile = files.resolve("wandb-metadata.json");
        if (Files.isRegularFile(metadataFile, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = Files.readAllBytes(metadataFile);
            refs.add(context.file(metadataFile, bytes, ImportFormat.WANDB));
            String[] problem = {null};
            String text = Utf8.decode(bytes, context.name(metadataFile), result);
            JsonNode metadata = text == null ? null : JsonValues.parse(text, problem);
            if (text != null && (metadata == null || !metadata.isObject())) {
                result.problem(context.name(metadataFile), 0, problem[0] != null ? problem[0] : "not a JSON object");
            } else if (metadata != null) {
                Map<String, Object> flat = JsonValues.flatten(metadata, new int[1]);
                for (String key : SAFE_METADATA) {
                    Object value = flat.get(key);
                    if (value != null) {
                        config.put(
                                "wandb." + key, key.equals("git.remote") ? withoutUserInfo(value.toString()) : value);
                    }
                }
                started = instant(flat.get("startedAt"));
                identity.append('\n').append(flat.get("startedAt")).append('\n').append(flat.get("codePath"));
            }
        }
        Path logFile = transactionLog(folder, files, context.root());
        WandbRunLog runLog = null;
        if (logFile != null) {
            byte[] bytes = Files.readAllBytes(logFile);
            LogFileRef ref = context.file(logFile, bytes, ImportFormat.WANDB);
            refs.add(ref);
            identity.append('\n').append(ref.hash());
            runLog = WandbRunLog.read(bytes, ref, result);
            runLog.skipped.forEach(result::skip);
            int configKeys = config.size();
            runLog.config.forEach(config::put);
            if (runLog.configUpdates > 0) {
                configFrom.add(context.name(logFile));
            }
            if (!runLog.metrics.isEmpty()) {
                historyFrom = context.name(logFile);
            }
            runLog.environment.forEach((k, v) ->
                    config.putIfAbsent("wandb." + k, k.equals("git.remote") ? withoutUserInfo(v.toString()) : v));
            if (started == null) {
                started = runLog.started;
            }
            result.note(context.name(logFile) + ": " + describe(runLog, configKeys));
        }
        List<MetricData> metrics = runLog != null ? runLog.metrics : List.of();
        Path history = files.resolve("wandb-history.jsonl");
        if (!Files.isRegularFile(history, LinkOption.NOFOLLOW_LINKS)) {
            history = folder.resolve("wandb-history.jsonl");
        }
        if (Files.isRegularFile(history, LinkOption.NOFOLLOW_LINKS) && metrics.isEmpty()) {
            byte[] bytes = Files.readAllBytes(history);
            LogFileRef ref = context.file(history, bytes, ImportFormat.WANDB);
            refs.add(ref);
            metrics = JsonlReader.readLines(bytes, ref, result);
            historyFrom = ref.path();
        }
        Path summaryFile = files.resolve("wandb-summary.json");
        if (Files.isRegularFile(summaryFile, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = Files.readAllBytes(summaryFile);
            refs.add(context.file(summaryFile, bytes, ImportFormat.WANDB));
            String[] problem = {null};
            String text = Utf8.decode(bytes, context.name(summaryFile), result);
            JsonNode node = text == null ? null : JsonValues.parse(text, problem);
            if (text != null && (node == null || !node.isObject())) {
                result.problem(context.name(summaryFile), 0, problem[0] != null ? problem[0] : "not a JSON object");
            } else if (node != null) {
                summary = summary(node, result);
                summaryFrom = context.name(summaryFile);
            }
        }
        if (summary == null && runLog != null && !result.hasProblems()) {
            summary = summary(runLog, metrics, result);
            summaryFrom = summary == null ? null : context.name(logFile);
        }
        if (refs.isEmpty()) {
            result.problem(
                    context.name(folder),
                    0,
                    "no run-<id>.wandb, config.yaml, wandb-summary.json or wandb-metadata.json");
        }
        if (!result.hasProblems()) {
            String id = runLog != null && runLog.runId != null && runLog.runId.matches("[A-Za-z0-9]+")
                    ? runLog.runId
                    : runId(folder, context);
            String key = id != null
                    ? "wandb-" + id.toLowerCase(Locale.ROOT)
                    : "wandb-" + Slugs.digest(context.folderName(folder) + "\n" + identity, 20);
            String label = runLog != null && runLog.displayName != null
                    ? runLog.displayName
                    : id != null ? id : folder.getFileName().toString();
            String status = null;
            Instant ended = null;
            if (runLog != null) {
                if (runLog.exitCode == null) {
                    status = "running";
                    result.note("run " + label + ": the transaction log has no exit record (still running, or"
                            + " stopped without finishing); imported as running");
                } else {
                    status = runLog.exitCode == 0 ? "finished" : "failed";
                    ended = started != null && runLog.runtime > 0 ? started.plusSeconds(runLog.runtime) : null;
                }
                if (runLog.truncatedAt >= 0) {
                    result.note(context.name(logFile) + " ends inside the record at byte " + runLog.truncatedAt
                            + " (written while the run was still going): read up to it");
                }
            }
            result.note(
                    "W&B run " + label + ": series from " + (historyFrom == null ? "nowhere (no history)" : historyFrom)
                            + "; config from " + (configFrom.isEmpty() ? "nowhere" : String.join(" and ", configFrom))
                            + "; summary from " + (summaryFrom == null ? "nowhere" : summaryFrom));
            result.run(new RunData(key, label, null, status, started, ended, config, metrics, refs, summary));
        }
        result.addTo(context);
    }

    /**
     * The run's {@code run-<id>.wandb} (beside {@code files/}), if it lies inside what was imported;
     * the first by name if there were several.
     */
    static Path transactionLog(Path folder, Path files, Path root) throws IOException {
        Path runFolder = files.equals(folder)
                        && folder.getFileName() != null
                        && folder.getFileName().toString().equals("files")
                        && folder.getParent() != null
                ? folder.getParent()
                : folder;
        if (!runFolder.startsWith(root)) {
            return null;
        }
        try (var children = Files.list(runFolder)) {
            return children.filter(p -> p.getFileName().toString().endsWith(".wandb")
                            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .findFirst()
                    .orElse(null);
        }
    }

    private static String describe(WandbRunLog log, int configKeysBefore) {
        List<String> parts = new ArrayList<>();
        parts.add("W&B run " + (log.runId != null ? log.runId : "(no run record)")
                + (log.producer != null ? " written by wandb " + log.producer : ""));
        parts.add(log.historyRows + " history rows into " + log.metrics.size() + " series");
        parts.add(log.configUpdates + " config values"
                + (configKeysBefore > 0 ? " (over the " + configKeysBefore + " of files/config.yaml)" : ""));
        parts.add(log.summaryUpdates + " summary updates");
        parts.add(log.outputLines + " console lines (not imported)");
        parts.add(log.exitCode == null ? "no exit record" : "exit code " + log.exitCode);
        return String.join(", ", parts);
    }

    /**
     * The summary when {@code wandb-summary.json} is missing: as W&amp;B derives it, each series' last
     * value, then the log's summary updates over them.
     */
    private static RunData.Summary summary(WandbRunLog log, List<MetricData> metrics, RunResult result) {
        Map<String, Double> values = new TreeMap<>();
        long step = Math.max(0, log.lastStep);
        for (MetricData metric : metrics) {
            if (!metric.points().isEmpty()) {
                values.put(metric.key(), metric.points().value(metric.points().size() - 1));
            }
        }
        int[] leftOut = {0};
        values.putAll(log.numericSummary(leftOut));
        if (log.summary.get("_step") instanceof Number n) {
            step = n.longValue();
        }
        result.skip("non-numeric summary values", leftOut[0]);
        return values.isEmpty() ? null : new RunData.Summary(step, values);
    }

    /**
     * The run id in the run folder's name (also when the folder came as a zip archive named after it, or when
     * only its {@code files/} was imported).
     */
    private static String runId(Path folder, ReadContext context) {
        for (Path p = folder; p != null && p.getFileName() != null; p = p.getParent()) {
            Matcher m = RUN_FOLDER.matcher(context.folderName(p));
            if (m.matches()) {
                return m.group(1);
            }
            // files/ names its run folder's id one level up, also when files/ alone was imported
            if (!context.folderName(p).equals("files")) {
                return null;
            }
        }
        return null;
    }

    /** Both layouts: every key maps to {@code {value: ...}} (0.12 adds {@code desc}); telemetry is left out. */
    private static Map<String, Object> config(Object yaml, RunResult result) {
        if (!(yaml instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, Object> values = new TreeMap<>();
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.equals("wandb_version") || key.equals("_wandb")) {
                return;
            }
            // A null value is kept: the setting existed without a value.
            values.put(key, v instanceof Map<?, ?> m && m.containsKey("value") ? m.get("value") : v);
        });
        return ConfigValues.flatten(values);
    }

    private static RunData.Summary summary(JsonNode node, RunResult result) {
        int[] leftOut = {0};
        Map<String, Object> flat = JsonValues.flatten(node, leftOut);
        long step = flat.get("_step") instanceof Number n ? n.longValue() : 0;
        Map<String, Double> values = new TreeMap<>();
        flat.forEach((key, value) -> {
            if (key.startsWith("_")) {
                return;
            }
            if (value instanceof Number n) {
                values.put(key, n.doubleValue());
            } else {
                leftOut[0]++;
            }
        });
        result.skip("non-numeric summary values", leftOut[0]);
        return new RunData.Summary(step, values);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        try {
            return text.endsWith("Z")
                    ? Instant.parse(text)
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String withoutUserInfo(String url) {
        return url.replaceFirst("^(https?://)[^/@]+@", "$1");
    }
}
