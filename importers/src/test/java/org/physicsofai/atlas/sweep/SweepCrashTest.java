package org.physicsofai.atlas.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.reliability.ChildJvm;
import org.physicsofai.atlas.sweep.SweepJournal.CellState;

/**
 * Kills the process running a sweep right after its first cell was imported, opens the stores again
 * as at start-up and resumes: every cell ends imported, none is lost, none is run or imported twice.
 */
class SweepCrashTest {

    @TempDir
    Path data;

    @Test
    void aSweepKilledMidwayResumesWithoutLosingOrRepeatingACell() throws Exception {
        ChildJvm child = ChildJvm.start("512m", 600, SweepCrashChild.class, data.toString(), "crash", "600");
        String first = child.await(SweepCrashChild.IMPORTED);
        child.process().destroyForcibly();
        assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        SweepJournal journal = new SweepJournal(data.resolve("sweeps/crash/journal.jsonl"));
        SweepSpec spec = SweepAtlas.spec("crash", 600, SweepAtlas.PREDICTION);
        List<String> keys = spec.cells().stream().map(SweepSpec.Cell::key).toList();
        Map<String, SweepJournal.CellRecord> atKill = journal.cells(keys);
        System.out.println("Killed after: " + first + "\nat the kill: " + SweepRunner.summary(atKill));
        assertThat(atKill.values()).anyMatch(c -> c.state() != CellState.IMPORTED);

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (SweepAtlas atlas = SweepAtlas.open(data)) {
            SweepRunner.Outcome outcome =
                    atlas.runner().resume("crash", null, new PrintStream(buffer, true, StandardCharsets.UTF_8));
            System.out.print(buffer.toString(StandardCharsets.UTF_8));
            assertThat(outcome.complete()).isTrue();
            assertThat(outcome.count(CellState.IMPORTED)).isEqualTo(4);
            // No cell ran twice: one start each (a process that outlived the kill was waited for, not restarted).
            Map<String, Long> starts = journal.events().stream()
                    .filter(e -> e.path("event").asString().equals("cell-started"))
                    .collect(Collectors.groupingBy(e -> e.path("cell").asString(), Collectors.counting()));
            assertThat(starts)
                    .hasSize(4)
                    .allSatisfy((cell, n) -> assertThat(n).as(cell).isEqualTo(1L));
            // No cell was imported twice: one run per cell, each in the sweep's experiment once.
            Map<String, Long> imports = journal.events().stream()
                    .filter(e -> e.path("event").asString().equals("cell-imported"))
                    .collect(Collectors.groupingBy(e -> e.path("cell").asString(), Collectors.counting()));
            assertThat(imports)
                    .hasSize(4)
                    .allSatisfy((cell, n) -> assertThat(n).as(cell).isEqualTo(1L));
            var runs = atlas.select("""
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    SELECT ?cell ?run WHERE { ?cell atlas:inSweep <http://localhost:8080/id/sweep/crash> ; atlas:producedRun ?run .
                      ?run atlas:partOf <http://localhost:8080/id/experiment/sweep-crash> }""");
            assertThat(runs).hasSize(4);
            assertThat(runs.stream().map(b -> b.get("run")).collect(Collectors.toSet()))
                    .hasSize(4);
            assertThat(runs.stream().collect(Collectors.groupingBy(b -> b.get("cell"), Collectors.counting())))
                    .hasSize(4)
                    .allSatisfy((cell, n) -> assertThat(n).isEqualTo(1L));
            // Every run has its phase and the prediction was scored once, after the last cell.
            assertThat(outcome.cells().values())
                    .allSatisfy(c -> assertThat(c.phase()).isNotNull());
            assertThat(atlas.select("""
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    SELECT ?s WHERE { ?s atlas:scores <http://localhost:8080/id/claim/sweep-crash-prediction> }""")).hasSize(1);
            assertThat(outcome.score().preregistered()).isTrue();
        }
        assertThat(Files.readString(journal.file())
                        .lines()
                        .filter(l -> l.contains("\"scored\""))
                        .count())
                .isEqualTo(1);
    }
}
