package org.physicsofai.atlas.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading sweep specifications: the shipped example, the grid and the argument lists, and problems named by field. */
class SweepSpecParserTest {

    static final Path MINI = Path.of("../docs/sweeps/modular-addition-mini.yaml");

    static SweepSpec mini() throws Exception {
        return SweepSpecParser.parse(
                Files.readString(MINI, StandardCharsets.UTF_8),
                "modular-addition-mini.yaml",
                MINI.toAbsolutePath().getParent());
    }

    @Test
    void theShippedMiniSweepIsATwoByTwoGridWithAPhasePerCell() throws Exception {
        SweepSpec spec = mini();
        assertThat(spec.cells())
                .extracting(SweepSpec.Cell::key)
                .containsExactly(
                        "lr-0.001_weight_decay-0_seed-0",
                        "lr-0.001_weight_decay-5_seed-0",
                        "lr-0.01_weight_decay-0_seed-0",
                        "lr-0.01_weight_decay-5_seed-0");
        assertThat(spec.cells())
                .extracting(spec::expectedPhase)
                .containsExactly("memorization", "grokking", "memorization", "confusion");
        assertThat(spec.directory())
                .isEqualTo(Path.of("../seed-data/tools/modular-addition")
                        .toAbsolutePath()
                        .normalize());
        assertThat(spec.directory().resolve("train.py")).exists();
        assertThat(spec.parallelism()).isEqualTo(2);
        assertThat(spec.budget().steps()).isEqualTo(5000);
        // Every placeholder is replaced inside its own argument; a value never becomes two arguments.
        assertThat(spec.argv(spec.cells().get(1), Path.of("/out dir/x.csv")))
                .containsExactly(
                        "python3",
                        "train.py",
                        "--lr",
                        "0.001",
                        "--wd",
                        "5",
                        "--seed",
                        "0",
                        "--steps",
                        "5000",
                        "--out",
                        "/out dir/x.csv");
    }

    @Test
    void aLogGridIsSpreadEvenlyInTheExponent() {
        SweepSpec spec = SweepSpecParser.parse("""
                id: grid
                variables: [{name: lr, grid: {from: 0.0001, to: 0.01, count: 3, scale: log}}]
                seeds: [1, 2]
                command: [prog, "--lr={lr}", "{out}"]
                output: {file: out.csv}
                budget: {wall-time: 90s}
                """, "grid.yaml", Path.of("."));
        assertThat(spec.variables().get(0).values())
                .extracting(SweepSpec::plain)
                .containsExactly("0.0001", "0.001", "0.01");
        assertThat(spec.cells()).hasSize(6);
        assertThat(spec.argv(spec.cells().get(5), Path.of("o"))).isEqualTo(List.of("prog", "--lr=0.01", "o"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "id: Bad_Id|id: 'Bad_Id' is not lower-case letters",
                "colour: red|colour: unknown field",
                "variables: []|variables: missing",
                "variables: [{name: lr, values: [1, 1]}]|variables[1].values: 1 is listed twice",
                "variables: [{name: seed, values: [1]}]|variables[1].name: 'seed' must be",
                "variables: [{name: lr, values: [1], grid: {from: 1, to: 2, count: 2}}]|variables[1]: give either values",
                "command: prog {lr} {learning_rate} {out}|command: unknown placeholder {learning_rate}",
                "command: prog {lr}|command: must pass {out}",
                "command: '{lr} {out}'|command: the program itself cannot be a placeholder",
                "budget: {steps: 10, wall-time: soon}|budget.wall-time: 'soon' is not a duration",
                "output: {file: ../escape.csv}|output.file: '../escape.csv' must be a plain file name",
                "prediction: {author: A, statement: S, phases: [{lr: 3, phase: grokking}]}|prediction.phases[1].lr: 3 is not one of its values",
                "prediction: {author: A, statement: S, phases: [{lr: 1, phase: eureka}]}|prediction.phases[1].phase: 'eureka' is not",
                "prediction: {statement: S, phases: [{lr: 1, phase: grokking}]}|prediction.author: missing",
            })
    void aProblemIsNamedByItsField(String override, String message) {
        String key = override.substring(0, override.indexOf(':'));
        StringBuilder yaml = new StringBuilder();
        for (String line : List.of(
                "id: ok",
                "variables: [{name: lr, values: [1, 2]}]",
                "command: prog {lr} {out}",
                "output: {file: out.csv}",
                "budget: {steps: 10, wall-time: 1m}")) {
            if (!line.startsWith(key + ":")) {
                yaml.append(line).append('\n');
            }
        }
        yaml.append(override).append('\n');
        assertThatThrownBy(() -> SweepSpecParser.parse(yaml.toString(), "s.yaml", Path.of(".")))
                .isInstanceOf(SweepSpecException.class)
                .hasMessageStartingWith("s.yaml: ")
                .hasMessageContaining(message);
    }
}
