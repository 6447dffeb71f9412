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
 * paths or command-line arguments.
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

        Path configFile = files.resolve("config.yaml");
        if (Files.isRegularFile(configFile, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = Files.readAllBytes(configFile);
            refs.add(context.file(configFile, bytes, ImportFormat.WANDB));
            identity.append(refs.getLast().hash());
            String text = Utf8.decode(bytes, context.name(configFile), result);
            try {
                config.putAll(config(text == null ? null : LenientYaml.load(text), result));
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
        List<MetricData> metrics = List.of();
        Path history = files.resolve("wandb-history.jsonl");
        if (!Files.isRegularFile(history, LinkOption.NOFOLLOW_LINKS)) {
            history = folder.resolve("wandb-history.jsonl");
        }
        if (Files.isRegularFile(history, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = Files.readAllBytes(history);
            LogFileRef ref = context.file(history, bytes, ImportFormat.WANDB);
            refs.add(ref);
            metrics = JsonlReader.readLines(bytes, ref, result);
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
            }
        }
        if (refs.isEmpty()) {
            result.problem(context.name(folder), 0, "no config.yaml, wandb-summary.json or wandb-metadata.json");
        }
        if (!result.hasProblems()) {
            String id = runId(folder, context);
            String key = id != null
                    ? "wandb-" + id.toLowerCase(Locale.ROOT)
                    : "wandb-" + Slugs.digest(context.folderName(folder) + "\n" + identity, 20);
            String label = id != null ? id : folder.getFileName().toString();
            result.run(new RunData(key, label, null, null, started, null, config, metrics, refs, summary));
        }
        result.addTo(context);
    }

    /** The run id in the run folder's name (also when the folder came as a zip archive named after it). */
    private static String runId(Path folder, ReadContext context) {
        for (Path p = folder; p != null && p.getFileName() != null; p = p.getParent()) {
            Matcher m = RUN_FOLDER.matcher(context.folderName(p));
            if (m.matches()) {
                return m.group(1);
            }
            if (!context.folderName(p).equals("files") || p.equals(context.root())) {
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
