package org.physicsofai.atlas.importers.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated file as rows of fields (RFC 4180: fields may be quoted, quotes doubled inside).
 * Each row remembers its line number for problem reports.
 */
public final class CsvTable {

    /** A row and the line it starts on, counted from 1. */
    public record Row(long line, List<String> fields) {}

    /** A file that is not CSV; {@code line} counts from 1. */
    public static final class CsvProblem extends Exception {
        private final long line;

        CsvProblem(long line, String message) {
            super(message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    private CsvTable() {}

    /** The rows, the header first; blank lines are left out. */
    public static List<Row> parse(String text) throws CsvProblem {
        if (text.indexOf('\0') >= 0) {
            throw new CsvProblem(1, "binary data, not a text table");
        }
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        long line = 1;
        long rowLine = 1;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (!(fields.size() == 1 && fields.get(0).isBlank())) {
                    rows.add(new Row(rowLine, List.copyOf(fields)));
                }
                fields.clear();
                line++;
                rowLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new CsvProblem(rowLine, "a quoted field is never closed");
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }
}
