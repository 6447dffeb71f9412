package org.physicsofai.atlas.importers.wandb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.LogFileRef;
import org.physicsofai.atlas.importers.MetricData;
import org.physicsofai.atlas.importers.Numbers;
import org.physicsofai.atlas.importers.ReadContext;
import org.physicsofai.atlas.importers.RunData;
import org.physicsofai.atlas.importers.RunResult;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.importers.Utf8;
import org.physicsofai.atlas.importers.table.CsvTable;
import org.physicsofai.atlas.series.SeriesData;

/**
 * Reads the CSV that a W&amp;B chart panel exports: the x-axis column ({@code Step}) and for each run
 * a column {@code <run name> - <metric>}, with {@code __MIN} and {@code __MAX} envelope columns of
 * W&amp;B's sampling, which are skipped and counted. Each run named in the header becomes a run.
 */
public final class WandbChartCsvReader {

    private static final String SEPARATOR = " - ";

    /** Whether a header is a W&amp;B chart export's. */
    public static boolean isChartHeader(List<String> header) {
        return header.size() >= 2 && header.subList(1, header.size()).stream().allMatch(h -> h.contains(SEPARATOR));
    }

    public void read(Path file, ReadContext context) throws IOException {
        RunResult result = new RunResult();
        byte[] bytes = Files.readAllBytes(file);
        LogFileRef ref = context.file(file, bytes, ImportFormat.WANDB);
        String text = Utf8.decode(bytes, ref.path(), result);
        if (text == null) {
            result.addTo(context);
            return;
        }
        List<CsvTable.Row> rows;
        try {
            rows = CsvTable.parse(text);
        } catch (CsvTable.CsvProblem e) {
            result.problem(ref.path(), e.line(), e.getMessage());
            result.addTo(context);
            return;
        }
        if (rows.size() < 2 || !isChartHeader(rows.get(0).fields())) {
            result.problem(ref.path(), 1, "not a W&B chart export: expected a header 'Step,<run> - <metric>,...'");
            result.addTo(context);
            return;
        }
        List<String> header = rows.get(0).fields();
        Map<String, Map<String, SeriesData.Builder>> runs = new LinkedHashMap<>();
        Map<Integer, SeriesData.Builder> columns = new LinkedHashMap<>();
        int envelopes = 0;
        for (int c = 1; c < header.size(); c++) {
            String name = header.get(c);
            if (name.endsWith("__MIN") || name.endsWith("__MAX")) {
                envelopes++;
                continue;
            }
            int at = name.lastIndexOf(SEPARATOR);
            String run = name.substring(0, at).strip();
            String metric = name.substring(at + SEPARATOR.length()).strip();
            SeriesData.Builder builder = new SeriesData.Builder();
            runs.computeIfAbsent(run, r -> new LinkedHashMap<>()).put(metric, builder);
            columns.put(c, builder);
        }
        result.skip("W&B chart __MIN/__MAX envelope columns", envelopes);
        for (CsvTable.Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() != header.size()) {
                result.problem(
                        ref.path(),
                        row.line(),
                        "the row has " + row.fields().size() + " fields, the header " + header.size());
                break;
            }
            try {
                long step = Numbers.parseStep(row.fields().get(0));
                for (Map.Entry<Integer, SeriesData.Builder> column : columns.entrySet()) {
                    String cell = row.fields().get(column.getKey()).strip();
                    if (!cell.isEmpty()) {
                        column.getValue().add(step, Numbers.parseDouble(cell), Double.NaN);
                    }
                }
            } catch (NumberFormatException e) {
                result.problem(ref.path(), row.line(), e.getMessage());
                break;
            }
        }
        if (result.hasProblems()) {
            result.addTo(context);
            return;
        }
        for (Map.Entry<String, Map<String, SeriesData.Builder>> run : runs.entrySet()) {
            List<MetricData> metrics = new ArrayList<>();
            run.getValue().forEach((metric, points) -> {
                if (points.size() > 0) {
                    metrics.add(new MetricData(metric, points.build(), ref));
                }
            });
            RunResult one = new RunResult();
            one.run(new RunData(
                    "wandb-chart-" + Slugs.digest(ref.path() + "\n" + run.getKey(), 20),
                    run.getKey(),
                    null,
                    null,
                    null,
                    null,
                    Map.of(),
                    metrics,
                    List.of(ref),
                    null));
            one.addTo(context);
        }
        result.addTo(context);
    }
}
