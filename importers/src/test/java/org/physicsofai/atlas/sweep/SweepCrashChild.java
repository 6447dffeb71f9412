package org.physicsofai.atlas.sweep;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process the sweep crash test kills: it opens the stores as the application does and runs the test
 * sweep, printing {@code IMPORTED ...} each time a cell has been imported, so that the parent can kill it
 * in the middle of the sweep.
 *
 * <p>Arguments: the data directory, the sweep id, the steps of each run.
 */
public final class SweepCrashChild {

    static final String IMPORTED = "IMPORTED";

    private SweepCrashChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream markers = new PrintStream(stdout, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (line.contains(": imported as")) {
                    super.println(IMPORTED + " " + line);
                }
            }
        };
        try (SweepAtlas atlas = SweepAtlas.open(Path.of(args[0]))) {
            atlas.runner().run(SweepAtlas.spec(args[1], Long.parseLong(args[2]), SweepAtlas.PREDICTION), markers);
        }
        markers.println("DONE");
    }
}
