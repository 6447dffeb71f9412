package org.physicsofai.atlas.importers.wandb;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.physicsofai.atlas.importers.ConfigValues;
import org.physicsofai.atlas.importers.JsonValues;
import org.physicsofai.atlas.importers.LogFileRef;
import org.physicsofai.atlas.importers.MetricData;
import org.physicsofai.atlas.importers.Numbers;
import org.physicsofai.atlas.importers.RunData;
import org.physicsofai.atlas.importers.RunResult;
import org.physicsofai.atlas.importers.table.Columns;
import org.physicsofai.atlas.importers.wandb.proto.ConfigItem;
import org.physicsofai.atlas.importers.wandb.proto.ConfigRecord;
import org.physicsofai.atlas.importers.wandb.proto.EnvironmentRecord;
import org.physicsofai.atlas.importers.wandb.proto.GitRepoRecord;
import org.physicsofai.atlas.importers.wandb.proto.HistoryItem;
import org.physicsofai.atlas.importers.wandb.proto.HistoryRecord;
import org.physicsofai.atlas.importers.wandb.proto.Record;
import org.physicsofai.atlas.importers.wandb.proto.RunRecord;
import org.physicsofai.atlas.importers.wandb.proto.SummaryItem;
import org.physicsofai.atlas.importers.wandb.proto.SummaryRecord;
import org.physicsofai.atlas.importers.wandb.proto.TelemetryRecord;
import org.physicsofai.atlas.importers.wandb.proto.Timestamp;
import org.physicsofai.atlas.series.SeriesData;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A W&amp;B run as its transaction log ({@code run-<id>.wandb}) tells it, replayed in order as {@code
 * wandb sync} does: the run record (id, name, start), config updates and removals, every history
 * row (its {@code _step}, else the record's step, else its position; {@code _timestamp} the wall
 * time), summary updates and removals, the exit record, telemetry and the environment (only what says
 * nothing about the person). Console output, system metrics and the other record kinds are counted.
 */
final class WandbRunLog {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    String runId;
    String displayName;
    Instant started;
    Integer exitCode;
    int runtime;
    int historyRows;
    int outputLines;
    int configUpdates;
    int summaryUpdates;
    long lastStep = -1;
    String producer;
    final Map<String, Object> config = new TreeMap<>();
    /** What the environment and telemetry records say, under the keys {@code wandb-metadata.json} uses. */
    final Map<String, Object> environment = new TreeMap<>();

    final Map<String, Object> summary = new TreeMap<>();
    final Map<String, Integer> skipped = new TreeMap<>();
    List<MetricData> metrics = List.of();
    long truncatedAt = -1;

    /** Reads the log; problems (a corrupt record, unreadable JSON) go to {@code result} naming the byte offset. */
    static WandbRunLog read(byte[] bytes, LogFileRef ref, RunResult result) {
        WandbRunLog log = new WandbRunLog();
        TransactionLog.Contents contents;
        try {
            contents = TransactionLog.read(bytes);
        } catch (TransactionLog.LogProblem e) {
            result.problem(ref.path(), 0, "at byte " + e.offset() + ": " + e.getMessage());
            return log;
        }
        log.truncatedAt = contents.truncatedAt();
        Map<String, Object> rawConfig = new LinkedHashMap<>();
        Map<String, SeriesData.Builder> series = new LinkedHashMap<>();
        for (TransactionLog.Entry entry : contents.entries()) {
            Record record;
            try {
                record = Record.parseFrom(entry.payload());
            } catch (InvalidProtocolBufferException e) {
                result.problem(
                        ref.path(), 0, "at byte " + entry.offset() + ": not a W&B record (" + e.getMessage() + ")");
                return log;
            }
            try {
                log.apply(record, rawConfig, series);
            } catch (ValueProblem e) {
                result.problem(ref.path(), 0, "at byte " + entry.offset() + ": " + e.getMessage());
                return log;
            }
        }
        rawConfig.remove("_wandb"); // wandb's own telemetry, as in config.yaml
        log.config.putAll(ConfigValues.flatten(rawConfig));
        List<MetricData> metrics = new ArrayList<>();
        series.forEach((key, points) -> metrics.add(new MetricData(key, points.build(), ref)));
        log.metrics = metrics;
        return log;
    }

    private void apply(Record record, Map<String, Object> rawConfig, Map<String, SeriesData.Builder> series)
            throws ValueProblem {
        switch (record.getRecordTypeCase()) {
            case RUN -> run(record.getRun(), rawConfig);
            case HISTORY -> history(record.getHistory(), series);
            case CONFIG -> config(record.getConfig(), rawConfig);
            case SUMMARY -> summary(record.getSummary());
            case OUTPUT, OUTPUT_RAW -> outputLines++;
            case EXIT -> {
                exitCode = record.getExit().getExitCode();
                runtime = record.getExit().getRuntime();
            }
            case TELEMETRY -> telemetry(record.getTelemetry());
            case ENVIRONMENT -> environment(record.getEnvironment());
            case HEADER -> producer = record.getHeader().getVersionInfo().getProducer();
            case STATS -> skip("W&B system-metrics records (not imported)");
            case REQUEST -> skip("W&B requests inside the log (ignored, as wandb sync does)");
            case RECORDTYPE_NOT_SET -> skip("W&B records of a kind this reader does not know");
            case FINAL, FOOTER -> {}
            default ->
                skip("W&B records of other kinds (files, artifacts, metric definitions, alerts...: not imported)");
        }
    }

    private void skip(String what) {
        skipped.merge(what, 1, Integer::sum);
    }

    private void run(RunRecord run, Map<String, Object> rawConfig) throws ValueProblem {
        if (!run.getRunId().isEmpty()) {
            runId = run.getRunId();
        }
        if (!run.getDisplayName().isEmpty()) {
            displayName = run.getDisplayName();
        }
        if (run.hasStartTime()) {
            started = instant(run.getStartTime());
        }
        if (run.hasConfig()) {
            config(run.getConfig(), rawConfig);
        }
        if (run.hasSummary()) {
            summary(run.getSummary());
        }
        if (run.hasTelemetry()) {
            telemetry(run.getTelemetry());
        }
        if (run.hasGit()) {
            git(run.getGit());
        }
    }

    private void config(ConfigRecord record, Map<String, Object> rawConfig) throws ValueProblem {
        for (ConfigItem item : record.getUpdateList()) {
            put(rawConfig, path(item.getKey(), item.getNestedKeyList()), value(item.getValueJson(), "config"));
            configUpdates++;
        }
        for (ConfigItem item : record.getRemoveList()) {
            remove(rawConfig, path(item.getKey(), item.getNestedKeyList()));
        }
    }

    private void summary(SummaryRecord record) throws ValueProblem {
        for (SummaryItem item : record.getUpdateList()) {
            String key = String.join(".", path(item.getKey(), item.getNestedKeyList()));
            Object value = value(item.getValueJson(), "summary");
            summary.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + "."));
            if (value instanceof Map<?, ?> map) {
                summary.putAll(ConfigValues.flatten(Map.of(key, map)));
            } else {
                summary.put(key, value);
            }
            summaryUpdates++;
        }
        for (SummaryItem item : record.getRemoveList()) {
            String key = String.join(".", path(item.getKey(), item.getNestedKeyList()));
            summary.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + "."));
        }
    }

    private void history(HistoryRecord record, Map<String, SeriesData.Builder> series) throws ValueProblem {
        Map<String, Object> row = new LinkedHashMap<>();
        int[] leftOut = {0};
        for (HistoryItem item : record.getItemList()) {
            String key = String.join(".", path(item.getKey(), item.getNestedKeyList()));
            JsonNode node = node(item.getValueJson(), "history");
            if (node.isObject()) {
                JsonValues.flatten(node, leftOut).forEach((k, v) -> row.put(key + "." + k, v));
            } else if (node.isNumber()) {
                row.put(
                        key,
                        node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : node.doubleValue());
            } else if (!node.isNull()) {
                leftOut[0]++;
            }
        }
        long step;
        if (row.get("_step") instanceof Number) {
            try {
                step = Numbers.step(row.get("_step"));
            } catch (NumberFormatException e) {
                throw new ValueProblem("history _step: " + e.getMessage());
            }
        } else if (record.hasStep()) {
            step = record.getStep().getNum();
        } else {
            step = historyRows;
        }
        double wall = row.get("_timestamp") instanceof Number n ? n.doubleValue() : Double.NaN;
        historyRows++;
        lastStep = Math.max(lastStep, step);
        for (Map.Entry<String, Object> e : row.entrySet()) {
            String key = e.getKey();
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith("_") || Columns.BOOKKEEPING.contains(lower)) {
                continue;
            }
            if (e.getValue() instanceof Number n) {
                series.computeIfAbsent(key, k -> new SeriesData.Builder()).add(step, n.doubleValue(), wall);
            } else {
                leftOut[0]++;
            }
        }
        if (leftOut[0] > 0) {
            skipped.merge("non-numeric history values (media, text)", leftOut[0], Integer::sum);
        }
    }

    private void telemetry(TelemetryRecord telemetry) {
        if (!telemetry.getCliVersion().isEmpty()) {
            environment.put("cli_version", telemetry.getCliVersion());
        }
        if (!telemetry.getPythonVersion().isEmpty()) {
            environment.putIfAbsent("python", telemetry.getPythonVersion());
        }
    }

    private void environment(EnvironmentRecord env) {
        putText("os", env.getOs());
        putText("python", env.getPython());
        putText("codePath", env.getCodePath());
        putText("gpu", env.getGpuType());
        if (env.getGpuCount() > 0) {
            environment.put("gpu_count", (long) env.getGpuCount());
        }
        if (env.getCpuCount() > 0) {
            environment.put("cpu_count", (long) env.getCpuCount());
        }
        if (env.hasGit()) {
            git(env.getGit());
        }
        if (started == null && env.hasStartedAt()) {
            started = instant(env.getStartedAt());
        }
    }

    private void git(GitRepoRecord git) {
        putText("git.commit", git.getCommit());
        putText("git.remote", git.getRemoteUrl());
    }

    private void putText(String key, String value) {
        if (!value.isEmpty()) {
            environment.put(key, value);
        }
    }

    private static List<String> path(String key, List<String> nested) {
        return nested.isEmpty() ? List.of(key) : nested;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, Object value) {
        Map<String, Object> map = root;
        for (String part : path.subList(0, path.size() - 1)) {
            Object next = map.get(part);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                map.put(part, next);
            }
            map = (Map<String, Object>) next;
        }
        map.put(path.getLast(), value);
    }

    private static void remove(Map<String, Object> root, List<String> path) {
        Object map = root;
        for (String part : path.subList(0, path.size() - 1)) {
            map = map instanceof Map<?, ?> m ? m.get(part) : null;
        }
        if (map instanceof Map<?, ?> m) {
            m.remove(path.getLast());
        }
    }

    private static JsonNode node(String json, String what) throws ValueProblem {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new ValueProblem("unreadable JSON in a " + what + " value: " + e.getOriginalMessage());
        }
    }

    private static Object value(String json, String what) throws ValueProblem {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JacksonException e) {
            throw new ValueProblem("unreadable JSON in a " + what + " value: " + e.getOriginalMessage());
        }
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    /** The summary's numbers, for {@link RunData.Summary}; text and media are counted in {@code leftOut}. */
    Map<String, Double> numericSummary(int[] leftOut) {
        Map<String, Double> values = new TreeMap<>();
        summary.forEach((key, value) -> {
            if (key.startsWith("_")) {
                return;
            }
            if (value instanceof Number n) {
                values.put(key, n.doubleValue());
            } else {
                leftOut[0]++;
            }
        });
        return values;
    }

    private static final class ValueProblem extends Exception {
        ValueProblem(String message) {
            super(message);
        }
    }
}
