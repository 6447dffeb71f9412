package org.physicsofai.atlas.importers.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.physicsofai.atlas.series.SeriesData;

/**
 * Reads a generic CSV log as one run: the step column ({@code step}, {@code epoch}, {@code iter},
 * {@code _step}...; the row number if there is none), an optional wall-time column, and a series
 * for every numeric column. Empty cells are allowed (sparse rows); a column whose values are all
 * text is skipped and counted; a text value in a numeric column is a problem naming its line.
 */
public final class CsvReader {

    public void read(Path file, ReadContext context) throws IOException {
        RunResult result = new RunResult();
        byte[] bytes = Files.readAllBytes(file);
        LogFileRef ref = context.file(file, bytes, ImportFormat.CSV);
        List<MetricData> metrics = readTable(bytes, ref, result, List.of());
        if (!result.hasProblems()) {
            String name = file.getFileName().toString();
            result.run(new RunData(
                    "csv-" + Slugs.digest(ref.path() + "\n" + firstLines(bytes, 2), 20),
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

    /**
     * The series of a table with a header row.
     *
     * @param ignored column names (lower case) that are neither step nor metric
     */
    public static List<MetricData> readTable(byte[] bytes, LogFileRef ref, RunResult result, List<String> ignored) {
        if (bytes.length == 0) {
            result.problem(ref.path(), 0, "empty file");
            return List.of();
        }
        String decoded = Utf8.decode(bytes, ref.path(), result);
        if (decoded == null) {
            return List.of();
        }
        List<CsvTable.Row> rows;
        try {
            rows = CsvTable.parse(decoded);
        } catch (CsvTable.CsvProblem e) {
            result.problem(ref.path(), e.line(), e.getMessage());
            return List.of();
        }
        if (rows.size() < 2) {
            result.problem(ref.path(), rows.isEmpty() ? 0 : 1, "no data rows under the header");
            return List.of();
        }
        List<String> header = rows.get(0).fields();
        int step = Columns.find(header, Columns.STEP);
        int wall = Columns.find(header, Columns.WALL_TIME);
        Map<Integer, SeriesData.Builder> columns = new LinkedHashMap<>();
        Map<Integer, Boolean> numeric = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).strip();
            if (c != step
                    && c != wall
                    && !name.isEmpty()
                    && !Columns.BOOKKEEPING.contains(name.toLowerCase(Locale.ROOT))
                    && !ignored.contains(name.toLowerCase(Locale.ROOT))) {
                columns.put(c, new SeriesData.Builder());
            }
        }
        for (int r = 1; r < rows.size(); r++) {
            CsvTable.Row row = rows.get(r);
            if (row.fields().size() != header.size()) {
                result.problem(
                        ref.path(),
                        row.line(),
                        "the row has " + row.fields().size() + " fields, the header " + header.size());
                return List.of();
            }
            try {
                long s = step < 0 ? r - 1 : Numbers.parseStep(row.fields().get(step));
                double w = wall < 0 || row.fields().get(wall).isBlank()
                        ? Double.NaN
                        : Numbers.parseDouble(row.fields().get(wall));
                for (Map.Entry<Integer, SeriesData.Builder> column : columns.entrySet()) {
                    String cell = row.fields().get(column.getKey()).strip();
                    if (cell.isEmpty()) {
                        continue;
                    }
                    Boolean isNumeric = numeric.get(column.getKey());
                    double v;
                    try {
                        v = Numbers.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        if (isNumeric == null) {
                            numeric.put(column.getKey(), false);
                            continue;
                        }
                        if (!isNumeric) {
                            continue;
                        }
                        throw new NumberFormatException(
                                "column '" + header.get(column.getKey()) + "': " + e.getMessage());
                    }
                    if (Boolean.FALSE.equals(isNumeric)) {
                        throw new NumberFormatException(
                                "column '" + header.get(column.getKey()) + "' mixes text and numbers");
                    }
                    numeric.put(column.getKey(), true);
                    column.getValue().add(s, v, w);
                }
            } catch (NumberFormatException e) {
                result.problem(ref.path(), row.line(), e.getMessage());
                return List.of();
            }
        }
        List<MetricData> metrics = new ArrayList<>();
        int text = 0;
        for (Map.Entry<Integer, SeriesData.Builder> column : columns.entrySet()) {
            if (Boolean.FALSE.equals(numeric.get(column.getKey()))) {
                text++;
            } else if (column.getValue().size() > 0) {
                metrics.add(new MetricData(
                        header.get(column.getKey()).strip(), column.getValue().build(), ref));
            }
        }
        result.skip("text columns", text);
        if (metrics.isEmpty()) {
            result.problem(ref.path(), 1, "no numeric column: not a log of metrics (wrong format?)");
        }
        return metrics;
    }

    /** The first lines of a file, to identify a log that may since have grown. */
    public static String firstLines(byte[] bytes, int lines) {
        int end = 0;
        int seen = 0;
        while (end < bytes.length && seen < lines) {
            if (bytes[end++] == '\n') {
                seen++;
            }
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
