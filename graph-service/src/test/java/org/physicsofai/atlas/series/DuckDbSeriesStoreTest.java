package org.physicsofai.atlas.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

    /** Stored hashes recognise a prefix of a longer log later: the way they are computed must not change. */
    @Test
    void aSeriesHashIsTheDigestOfItsPointsAsLittleEndianLongs() throws Exception {
        SeriesData.Builder builder = new SeriesData.Builder();
        for (int i = 0; i < 2_500; i++) {
            builder.add(i * 10L - 7, i % 100 == 0 ? Double.NaN : Math.sin(i), i % 3 == 0 ? Double.NaN : 1.7e9 + i);
        }
        SeriesData data = builder.build();
        java.nio.ByteBuffer bytes =
                java.nio.ByteBuffer.allocate(24 * data.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.size(); i++) {
            bytes.putLong(data.step(i))
                    .putLong(Double.doubleToLongBits(data.value(i)))
                    .putLong(Double.doubleToLongBits(data.wallTime(i)));
        }
        String expected = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array()));

        assertThat(DuckDbSeriesStore.hash(data)).isEqualTo(expected);
        assertThat(DuckDbSeriesStore.hash(data.prefix(1_024))).isNotEqualTo(expected);
    }

    /** A write inserts its points in batches of about a million; more than one batch keeps them all, in order. */
    @Test
    void aWriteOfSeveralInsertBatchesKeepsEveryPointInOrder() {
        SeriesData a = curve(700_000, 1);
        SeriesData b = curve(700_000, 3);
        SeriesData longerA = curve(900_000, 1);
        SeriesData c = curve(5, 2);
        try (SeriesWrite w = store.begin()) {
            assertThat(w.put(A, a)).isEqualTo(SeriesChange.CREATED);
            assertThat(w.put(B, b)).isEqualTo(SeriesChange.CREATED);
            // Extends a series whose points were inserted by an earlier batch of the same write.
            assertThat(w.put(A, longerA)).isEqualTo(SeriesChange.APPENDED);
            assertThat(w.put(A + "-c", c)).isEqualTo(SeriesChange.CREATED);
            w.commit();
        }
        assertThat(store.points(A)).contains(longerA);
        assertThat(store.points(B)).contains(b);
        assertThat(store.points(A + "-c")).contains(c);
        store.close();
        store = reopen();
        assertThat(store.points(A)).contains(longerA);
        assertThat(store.size(B)).contains(700_000L);
    }

    @Test
    void aWriteOfSeveralInsertBatchesClosedWithoutCommitLeavesNothing() {
        try (SeriesWrite w = store.begin()) {
            w.put(A, curve(1_100_000, 1));
            w.put(B, curve(600_000, 1));
        }
        assertThat(store.points(A)).isEmpty();
        assertThat(store.points(B)).isEmpty();
        assertThat(store.seriesIris()).isEmpty();
    }
}
