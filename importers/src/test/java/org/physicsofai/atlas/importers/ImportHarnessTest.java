package org.physicsofai.atlas.importers;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a fresh {@link ImportHarness} (real TDB2 and DuckDB stores on disk) for each test method. */
abstract class ImportHarnessTest {

    @TempDir
    Path directory;

    ImportHarness atlas;

    @BeforeEach
    void open() {
        atlas = new ImportHarness(directory.resolve("data"));
    }

    @AfterEach
    void close() {
        atlas.close();
    }
}
