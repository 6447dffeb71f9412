package org.physicsofai.atlas.backup;

import java.io.BufferedReader;
import java.io.IOException;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesWrite;

/** Reads the lines of {@code series.tsv.gz}, the points of each series together and in order. */
final class SeriesLines {

    private final SeriesWrite write;
    private String current;
    private SeriesData.Builder points;

    SeriesLines(SeriesWrite write) {
        this.write = write;
    }

    void read(BufferedReader in) throws IOException {
        String header = in.readLine();
        if (!"series\tstep\tvalue\twall_time".equals(header)) {
            throw new BackupException(Backup.SERIES + ": unexpected header " + header);
        }
        long line = 1;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            line++;
            String[] fields = text.split("\t", -1);
            if (fields.length != 4) {
                throw new BackupException(Backup.SERIES + ":" + line + ": expected 4 fields");
            }
            if (!fields[0].equals(current)) {
                flush();
                current = fields[0];
                points = new SeriesData.Builder();
            }
            try {
                points.add(Long.parseLong(fields[1]), Double.parseDouble(fields[2]), Double.parseDouble(fields[3]));
            } catch (NumberFormatException e) {
                throw new BackupException(Backup.SERIES + ":" + line + ": " + e.getMessage());
            }
        }
        flush();
    }

    private void flush() {
        if (current != null) {
            write.put(current, points.build());
        }
    }
}
