package org.physicsofai.atlas.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.sweep.SweepJournal.CellRecord;
import org.physicsofai.atlas.sweep.SweepJournal.CellState;

/**
 * The sweep end to end on the local executor, with real stores: the toy experiment's four cells run as
 * subprocesses, each imported with its curves, labelled by the grokking detector, placed in the sweep's
 * experiment with its settings; the prediction locked before the first run and scored after the last.
 */
class SweepRunnerTest {

    @TempDir
    Path data;

    @Test
    void theMiniSweepFillsItsPhaseDiagramAndScoresItsLockedPrediction() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        long start = System.nanoTime();
        SweepRunner.Outcome outcome;
        try (SweepAtlas atlas = SweepAtlas.open(data)) {
            SweepSpec spec = SweepAtlas.spec("e2e", 1500, SweepAtlas.PREDICTION);
            outcome = atlas.runner().run(spec, new PrintStream(buffer, true, StandardCharsets.UTF_8));
            String output = buffer.toString(StandardCharsets.UTF_8);
            System.out.printf("Sweep of 4 cells took %d ms%n%s", (System.nanoTime() - start) / 1_000_000, output);
            assertThat(outcome.complete()).isTrue();
            assertThat(outcome.count(CellState.IMPORTED)).isEqualTo(4);

            // Each cell's run: in the sweep's experiment, with curves, its settings, a detected phase.
            List<Binding> rows = atlas.select("""
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    SELECT ?cell ?run ?lr ?wd ?points ?phase WHERE {
                      ?cell atlas:inSweep <http://localhost:8080/id/sweep/e2e> ; atlas:producedRun ?run .
                      ?run atlas:partOf <http://localhost:8080/id/experiment/sweep-e2e> ;
                           atlas:hasConfig [ atlas:variable <https://w3id.org/physics-of-ai/id/variable/decoder-learning-rate> ; atlas:configValue ?lr ] ,
                                           [ atlas:variable <https://w3id.org/physics-of-ai/id/variable/weight-decay> ; atlas:configValue ?wd ] .
                      ?series atlas:run ?run ; atlas:observable <https://w3id.org/physics-of-ai/id/observable/test-accuracy> ; atlas:pointCount ?points .
                      ?o atlas:run ?run ; atlas:observable <https://w3id.org/physics-of-ai/id/observable/learning-phase-label> ; atlas:indicates ?phase .
                    }""");
            assertThat(rows).hasSize(4);
            for (Binding row : rows) {
                // 1500 steps logged every 20: 76 points of each curve.
                assertThat(row.get("points").getLiteralValue()).isEqualTo(76);
                double wd = Double.parseDouble(row.get("wd").getLiteralLexicalForm());
                String phase = row.get("phase").getURI();
                if (wd == 0) {
                    // Without weight decay the toy model fits the training pairs and stays near chance on the rest.
                    assertThat(phase).endsWith("/memorization");
                }
            }
            Map<String, CellRecord> cells = outcome.cells();
            assertThat(cells.values()).allSatisfy(c -> {
                assertThat(c.attempts()).isEqualTo(1);
                assertThat(c.phase()).isNotNull();
            });

            // The prediction was locked before the first run started, and is preregistered.
            List<Binding> lock = atlas.select("""
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    SELECT ?at ?hash ?pre WHERE {
                      ?p a atlas:Prediction ; atlas:predictionFor <http://localhost:8080/id/sweep/e2e> ;
                         atlas:lockedAt ?at ; atlas:lockHash ?hash ; atlas:preregistered ?pre ; atlas:lockedBy "A. Researcher" }""");
            assertThat(lock).hasSize(1);
            Instant lockedAt = Instant.parse(lock.get(0).get("at").getLiteralLexicalForm());
            assertThat(lock.get(0).get("pre").getLiteralLexicalForm()).isEqualTo("true");
            assertThat(cells.values()).allSatisfy(c -> assertThat(c.started()).isAfter(lockedAt));
            List<Binding> starts = atlas.select("""
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    PREFIX prov: <http://www.w3.org/ns/prov#>
                    SELECT ?start WHERE { ?cell atlas:inSweep <http://localhost:8080/id/sweep/e2e> ; prov:startedAtTime ?start }""");
            assertThat(starts)
                    .hasSize(4)
                    .allSatisfy(b -> assertThat(Instant.parse(b.get("start").getLiteralLexicalForm()))
                            .isAfter(lockedAt));

            // The score agrees with the phases the detector found, cell by cell, and is evidence on the prediction.
            long agreeing = cells.values().stream()
                    .filter(c -> c.phase()
                            .equals(spec.expectedPhase(spec.cells().stream()
                                    .filter(x -> x.key().equals(c.cell()))
                                    .findFirst()
                                    .orElseThrow())))
                    .count();
            assertThat(outcome.score().agreeing()).isEqualTo((int) agreeing);
            assertThat(outcome.score().scored()).isEqualTo(4);
            assertThat(outcome.score().preregistered()).isTrue();
            List<Binding> score = atlas.select("""
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    SELECT ?agreement ?link WHERE {
                      ?s a atlas:PredictionScore ; atlas:scores ?p ; atlas:agreement ?agreement ; ?link ?p .
                      ?p atlas:predictionFor <http://localhost:8080/id/sweep/e2e> .
                      FILTER (?link IN (atlas:supports, atlas:disputes)) }""");
            assertThat(score).hasSize(1);
            assertThat(Double.parseDouble(score.get(0).get("agreement").getLiteralLexicalForm()))
                    .isEqualTo(agreeing / 4.0);
            assertThat(score.get(0).get("link").getURI()).endsWith(agreeing == 4 ? "#supports" : "#disputes");

            // Logs are kept per cell.
            for (CellRecord c : cells.values()) {
                assertThat(data.resolve("sweeps/e2e/cells").resolve(c.cell()).resolve("log.txt"))
                        .exists();
            }

            // The locked prediction cannot change: an edit, or a second lock, is refused and changes nothing.
            SweepSpec edited = SweepAtlas.spec("e2e", 1500, SweepAtlas.PREDICTION.replace("grokking", "comprehension"));
            assertThatThrownBy(() -> atlas.runner().resume("e2e", edited, new PrintStream(new ByteArrayOutputStream())))
                    .isInstanceOf(SweepSpecException.class)
                    .hasMessageContaining("prediction")
                    .hasMessageContaining("cannot change");
            assertThatThrownBy(() -> atlas.runner().run(edited, new PrintStream(new ByteArrayOutputStream())))
                    .isInstanceOf(SweepSpecException.class)
                    .hasMessageContaining("exists already");
            assertThat(atlas.select("""
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    SELECT ?p WHERE { ?p atlas:lockHash ?h }""")).hasSize(1);

            // Resuming a complete sweep runs nothing again and stores nothing new.
            long lines = Files.readAllLines(data.resolve("sweeps/e2e/journal.jsonl")).stream()
                    .filter(l -> l.contains("\"cell-started\""))
                    .count();
            SweepRunner.Outcome again =
                    atlas.runner().resume("e2e", null, new PrintStream(new ByteArrayOutputStream()));
            assertThat(again.complete()).isTrue();
            assertThat(Files.readAllLines(data.resolve("sweeps/e2e/journal.jsonl")).stream()
                            .filter(l -> l.contains("\"cell-started\""))
                            .count())
                    .isEqualTo(lines);
        }
    }

    @Test
    void aPredictionAddedAfterRunsStartedIsNotPreregistered() throws Exception {
        try (SweepAtlas atlas = SweepAtlas.open(data)) {
            SweepSpec without = SweepAtlas.spec("late", 200, "");
            // One cell only would do; the grid is small and the steps few.
            atlas.runner().run(without, new PrintStream(new ByteArrayOutputStream()));
            SweepRunner.Outcome late = atlas.runner()
                    .resume(
                            "late",
                            SweepAtlas.spec("late", 200, SweepAtlas.PREDICTION),
                            new PrintStream(new ByteArrayOutputStream()));
            assertThat(late.score().preregistered()).isFalse();
            assertThat(atlas.select("""
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    SELECT ?p WHERE { ?p atlas:predictionFor <http://localhost:8080/id/sweep/late> ; atlas:preregistered false }""")).hasSize(1);
        }
    }

    @Test
    void aCancelStopsTheRunningCellsAndTheRestNeverStart() throws Exception {
        try (SweepAtlas atlas = SweepAtlas.open(data)) {
            SweepSpec spec = SweepAtlas.spec("cancelled", 1_000_000, SweepAtlas.PREDICTION);
            java.util.concurrent.CompletableFuture<SweepRunner.Outcome> running =
                    java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> atlas.runner().run(spec, new PrintStream(new ByteArrayOutputStream())));
            SweepJournal journal = new SweepJournal(data.resolve("sweeps/cancelled/journal.jsonl"));
            long deadline = System.nanoTime() + 120_000_000_000L;
            List<String> keys = spec.cells().stream().map(SweepSpec.Cell::key).toList();
            while (journal.cells(keys).values().stream()
                                    .filter(c -> c.state() == CellState.STARTED)
                                    .count()
                            < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Long> pids = journal.cells(keys).values().stream()
                    .filter(c -> c.state() == CellState.STARTED)
                    .map(CellRecord::pid)
                    .toList();
            assertThat(pids).hasSize(2);
            // As `sweep cancel` does from another process: a flag in the sweep's folder.
            SweepRunner.requestCancel(data.resolve("sweeps"), "cancelled");
            SweepRunner.Outcome outcome = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(outcome.cancelled()).isTrue();
            assertThat(outcome.complete()).isFalse();
            assertThat(outcome.count(CellState.CANCELLED)).isEqualTo(4);
            assertThat(outcome.cells().values().stream().filter(c -> c.attempts() > 0))
                    .hasSize(2);
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .isFalse();
            }
            assertThat(SweepRunner.status(data.resolve("sweeps"), "cancelled"))
                    .contains("4 cancelled")
                    .contains("cancel requested");
            assertThat(atlas.select("""
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    SELECT ?s WHERE { ?s atlas:scores ?p }""")).isEmpty();
        }
    }
}
