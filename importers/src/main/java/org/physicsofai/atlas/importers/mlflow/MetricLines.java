package org.physicsofai.atlas.importers.mlflow;

import java.nio.charset.StandardCharsets;
import org.physicsofai.atlas.importers.Numbers;
import org.physicsofai.atlas.importers.RunResult;
import org.physicsofai.atlas.series.SeriesData;

/**
 * Parses an MLflow metric file: lines {@code timestamp value step} (timestamp in milliseconds) or,
 * from old versions, {@code timestamp value} with step 0. Any other line is a problem naming its line.
 */
final class MetricLines {

    private MetricLines() {}

    /** The points, or {@code null} after reporting a problem. */
    static SeriesData parse(byte[] bytes, String file, RunResult result) {
        if (bytes.length == 0) {
            result.problem(file, 0, "empty metric file");
            return null;
        }
        SeriesData.Builder points = new SeriesData.Builder(lines(bytes));
        int line = 0;
        int start = 0;
        int[] spaces = new int[3];
        while (start < bytes.length) {
            int end = start;
            int fields = 1;
            while (end < bytes.length && bytes[end] != '\n') {
                if (bytes[end] == ' ') {
                    if (fields <= 3) {
                        spaces[fields - 1] = end;
                    }
                    fields++;
                }
                end++;
            }
            line++;
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            if (stop > start) {
                if (fields != 2 && fields != 3) {
                    result.problem(
                            file,
                            line,
                            "Metric line has " + fields + " fields; expected 'timestamp value step'"
                                    + " or the older 'timestamp value'");
                    return null;
                }
                try {
                    long timestamp = parseLong(bytes, start, spaces[0]);
                    int valueEnd = fields == 3 ? spaces[1] : stop;
                    double value = Numbers.parseDouble(bytes, spaces[0] + 1, valueEnd);
                    long step = fields == 3 ? parseLong(bytes, spaces[1] + 1, stop) : 0;
                    points.add(step, value, timestamp / 1000.0);
                } catch (NumberFormatException e) {
                    result.problem(file, line, e.getMessage());
                    return null;
                }
            }
            start = end + 1;
        }
        if (points.size() == 0) {
            result.problem(file, 0, "empty metric file");
            return null;
        }
        return points.build();
    }

    /** The number of lines, an upper bound of the points (and their number, when no line is blank). */
    private static int lines(byte[] bytes) {
        int lines = bytes[bytes.length - 1] == '\n' ? 0 : 1;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static long parseLong(byte[] b, int from, int to) {
        if (from >= to) {
            throw new NumberFormatException("empty field");
        }
        int i = from;
        boolean negative = b[i] == '-';
        if (negative || b[i] == '+') {
            i++;
        }
        if (i == to || to - i > 18) {
            return Numbers.parseStep(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Numbers.parseStep(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
