package org.physicsofai.atlas.importers.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.JsonValues;
import org.physicsofai.atlas.importers.LogFileRef;
import org.physicsofai.atlas.importers.MetricData;
import org.physicsofai.atlas.importers.Numbers;
import org.physicsofai.atlas.importers.ReadContext;
import org.physicsofai.atlas.importers.RunData;
import org.physicsofai.atlas.importers.RunResult;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.importers.Utf8;
import org.physicsofai.atlas.series.SeriesData;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSONL log (one JSON object per line, as {@code wandb.log} history or a hand-written logger
 * produces) as one run: nested keys are flattened with {@code .}, the step is {@code step}, {@code
 * _step}, {@code epoch}... (the line number if none), {@code _timestamp} the wall time, and every
 * numeric key a series.
 */
public final class JsonlReader {

    public void read(Path file, ReadContext context) throws IOException {
        RunResult result = new RunResult();
        byte[] bytes = Files.readAllBytes(file);
        LogFileRef ref = context.file(file, bytes, ImportFormat.JSONL);
        List<MetricData> metrics = readLines(bytes, ref, result);
        if (!result.hasProblems()) {
            String name = file.getFileName().toString();
            result.run(new RunData(
                    "jsonl-" + Slugs.digest(ref.path() + "\n" + CsvReader.firstLines(bytes, 1), 20),
                    name.replaceFirst("\\.[^.]+$", ""),
                    null,
                    null,
                    null,
                    null,
                    Map.of(),
                    metrics,
                    List.of(ref),
                    null));
        }
        result.addTo(context);
    }

    /** The series of JSON lines; problems name the line. */
    public static List<MetricData> readLines(byte[] bytes, LogFileRef ref, RunResult result) {
        if (bytes.length == 0) {
            result.problem(ref.path(), 0, "empty file");
            return List.of();
        }
        Map<String, SeriesData.Builder> series = new LinkedHashMap<>();
        String text = Utf8.decode(bytes, ref.path(), result);
        if (text == null) {
            return List.of();
        }
        String[] lines = text.split("\r?\n", -1);
        int[] leftOut = {0};
        long rows = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] problem = {null};
            JsonNode node = JsonValues.parse(lines[i], problem);
            if (node == null || !node.isObject()) {
                result.problem(ref.path(), i + 1, problem[0] != null ? problem[0] : "not a JSON object");
                return List.of();
            }
            Map<String, Object> flat = JsonValues.flatten(node, leftOut);
            List<String> keys = new ArrayList<>(flat.keySet());
            int stepKey = Columns.find(keys, Columns.STEP);
            int wallKey = Columns.find(keys, Columns.WALL_TIME);
            long step = rows;
            double wall = Double.NaN;
            if (stepKey >= 0) {
                try {
                    step = Numbers.step(flat.get(keys.get(stepKey)));
                } catch (NumberFormatException e) {
                    result.problem(ref.path(), i + 1, keys.get(stepKey) + ": " + e.getMessage());
                    return List.of();
                }
            }
            if (wallKey >= 0 && flat.get(keys.get(wallKey)) instanceof Number n) {
                wall = n.doubleValue();
            }
            rows++;
            for (Map.Entry<String, Object> entry : flat.entrySet()) {
                String key = entry.getKey();
                String lower = key.toLowerCase(Locale.ROOT);
                if ((stepKey >= 0 && key.equals(keys.get(stepKey)))
                        || (wallKey >= 0 && key.equals(keys.get(wallKey)))
                        || lower.startsWith("_")
                        || Columns.BOOKKEEPING.contains(lower)) {
                    continue;
                }
                if (entry.getValue() instanceof Number n && !(entry.getValue() instanceof Boolean)) {
                    series.computeIfAbsent(key, k -> new SeriesData.Builder()).add(step, n.doubleValue(), wall);
                } else {
                    leftOut[0]++;
                }
            }
        }
        result.skip("non-numeric values", leftOut[0]);
        List<MetricData> metrics = new ArrayList<>();
        series.forEach((key, points) -> metrics.add(new MetricData(key, points.build(), ref)));
        if (metrics.isEmpty()) {
            result.problem(ref.path(), 0, "no numeric values: not a log of metrics (wrong format?)");
        }
        return metrics;
    }
}
