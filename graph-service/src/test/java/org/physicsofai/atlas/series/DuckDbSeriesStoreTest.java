package org.physicsofai.atlas.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The series-store contract on a DuckDB database file on disk. */
class DuckDbSeriesStoreTest extends SeriesStoreContract {

    @TempDir
    Path directory;

    @Override
    protected SeriesStore open() {
        return new DuckDbSeriesStore(directory.resolve("series/series.duckdb"));
    }

    @Override
    protected SeriesStore reopen() {
        return open();
    }

    @Test
    void aDatabaseOfTheFirstVersionIsConvertedWithEveryPoint() throws Exception {
        store.close();
        Path old = directory.resolve("old.duckdb");
        SeriesData a = curve(10_000, 3);
        SeriesData b = curve(7, 1);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + old.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE series (id INTEGER NOT NULL, iri VARCHAR NOT NULL, size BIGINT NOT NULL,"
                    + " hash VARCHAR NOT NULL)");
            s.execute("CREATE TABLE points (series INTEGER NOT NULL, idx INTEGER NOT NULL, step BIGINT NOT NULL,"
                    + " value DOUBLE NOT NULL, wall_time DOUBLE NOT NULL)");
            s.execute("CREATE TABLE blocks (series INTEGER NOT NULL, level TINYINT NOT NULL, block INTEGER NOT NULL)");
            int id = 1;
            for (SeriesData data : List.of(a, b)) {
                try (PreparedStatement row = c.prepareStatement("INSERT INTO series VALUES (?, ?, ?, ?)")) {
                    row.setInt(1, id);
                    row.setString(2, id == 1 ? A : B);
                    row.setLong(3, data.size());
                    row.setString(4, DuckDbSeriesStore.hash(data));
                    row.execute();
                }
                try (PreparedStatement point = c.prepareStatement("INSERT INTO points VALUES (?, ?, ?, ?, ?)")) {
                    // Rows in reverse, so that only the index gives the logged order.
                    for (int i = data.size() - 1; i >= 0; i--) {
                        point.setInt(1, id);
                        point.setInt(2, i);
                        point.setLong(3, data.step(i));
                        point.setDouble(4, data.value(i));
                        point.setDouble(5, data.wallTime(i));
                        point.addBatch();
                    }
                    point.executeBatch();
                }
                id++;
            }
        }
        store = new DuckDbSeriesStore(old);
        assertThat(store.points(A)).contains(a);
        assertThat(store.points(B)).contains(b);
        assertThat(store.downsample(A, 100, List.of())).isPresent();
        try (SeriesWrite w = store.begin()) {
            assertThat(w.put(A, curve(10_500, 3))).isEqualTo(SeriesChange.APPENDED);
            assertThat(w.put(B, b)).isEqualTo(SeriesChange.UNCHANGED);
            assertThat(w.put("http://localhost:8080/id/series/c", b)).isEqualTo(SeriesChange.CREATED);
            w.commit();
        }
        store.close();
        store = new DuckDbSeriesStore(old);
        assertThat(store.points(A)).contains(curve(10_500, 3));
        assertThat(store.points("http://localhost:8080/id/series/c")).contains(b);
    }
}
