package org.physicsofai.atlas.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sweep} command through the launcher, as {@code java -jar atlas.jar sweep ...}: help, a
 * specification with a problem refused naming its field, and a small sweep run, inspected, resumed.
 */
class SweepCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int launch(String... args) {
        out.reset();
        err.reset();
        String[] withDataDir = new String[args.length + 1];
        withDataDir[0] = "--atlas.data-dir=" + directory.resolve("data");
        System.arraycopy(args, 0, withDataDir, 1, args.length);
        return CommandLauncher.launch(
                withDataDir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path spec(String name, String text) throws Exception {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String yaml(String id, String values, String extra) {
        return """
                id: %s
                title: CLI sweep
                phenomenon: grokking
                variables:
                  - {name: lr, variable: decoder-learning-rate, values: %s}
                  - {name: weight_decay, variable: weight-decay, values: [0]}
                command: python3 train.py --lr {lr} --wd {weight_decay} --seed {seed} --steps {steps} --out {out}
                directory: %s
                output: {file: "{cell}.csv", format: csv}
                budget: {steps: 200, wall-time: 3m}
                parallelism: 2
                """.formatted(
                                id,
                                values,
                                Path.of("../seed-data/tools/modular-addition").toAbsolutePath())
                + extra;
    }

    @Test
    void helpAndProblemsAreAnsweredWithoutRunningAnything() throws Exception {
        assertThat(launch("sweep", "--help")).isZero();
        assertThat(out())
                .contains("sweep run FILE")
                .contains("resume")
                .contains("status")
                .contains("cancel");

        Path bad = spec("bad.yaml", yaml("bad", "[0.001, x]", ""));
        assertThat(launch("sweep", "run", bad.toString())).isEqualTo(2);
        assertThat(err()).contains("bad.yaml: variables[1].values[2]: 'x' is not a number");
        assertThat(directory.resolve("data/sweeps/bad")).doesNotExist();

        Path unknownPhase = spec("phase.yaml", yaml("phase", "[0.001]", """
                prediction:
                  author: A
                  statement: S
                  phases: [{lr: 0.001, phase: enlightenment}]
                """));
        assertThat(launch("sweep", "run", unknownPhase.toString())).isEqualTo(2);
        assertThat(err()).contains("phase.yaml: prediction.phases[1].phase: 'enlightenment' is not");

        assertThat(launch("sweep", "status", "nothing-here")).isEqualTo(2);
        assertThat(err()).contains("nothing-here: no such sweep");
    }

    @Test
    void aSweepRunsFromItsFileAndItsStatusIsReadFromTheJournal() throws Exception {
        Path file = spec("cli.yaml", yaml("cli", "[0.001, 0.01]", """
                prediction:
                  author: CLI test
                  statement: Without weight decay the decoder memorises.
                  phases: [{weight_decay: 0, phase: memorization}]
                """));
        assertThat(launch("sweep", "run", file.toString())).as(err()).isZero();
        assertThat(out())
                .contains("Prediction locked (preregistered)")
                .contains("imported as")
                .contains("Prediction scored: ");
        assertThat(directory.resolve("data/sweeps/cli/cells/lr-0.001_weight_decay-0_seed-0/log.txt"))
                .exists();

        assertThat(launch("sweep", "status", "cli")).isZero();
        assertThat(out())
                .contains("2 imported")
                .contains("complete")
                .contains("locked before the runs (preregistered)")
                .contains("lr=0.01, weight_decay=0, seed=0");

        assertThat(launch("sweep", "resume", "cli")).isZero();
        assertThat(out()).contains("2 imported, 0 to import, 0 still running from before, 0 to run");

        assertThat(launch("sweep", "run", file.toString())).isEqualTo(2);
        assertThat(err()).contains("exists already");
    }
}
