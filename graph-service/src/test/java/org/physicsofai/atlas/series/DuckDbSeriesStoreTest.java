package org.physicsofai.atlas.series;

import java.nio.file.Path;
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
}
