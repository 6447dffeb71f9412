package org.physicsofai.atlas.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.detect.DetectAfterImport;
import org.physicsofai.atlas.detect.GrokkingDetection;
import org.physicsofai.atlas.detect.GrokkingDetector;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.UploadLimits;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * Real stores in a data directory, opened as the application opens them (importer recovery, the
 * grokking detector after every import), with the seed's observables, phenomena and variables.
 */
record SweepAtlas(KnowledgeStore store, SeriesStore series, Importer importer, SweepRunner runner)
        implements AutoCloseable {

    static final String BASE = "http://localhost:8080/id/";
    static final AgentRef AGENT = new AgentRef(BASE + "agent/command-line", "command line");
    static final Path SEED = Path.of("../seed-data/knowledge");
    static final Path TOY = Path.of("../seed-data/tools/modular-addition");

    static SweepAtlas open(Path data) throws IOException {
        KnowledgeStore store = new Tdb2KnowledgeStore(data.resolve("tdb2"), BASE);
        SeriesStore series = new DuckDbSeriesStore(data.resolve("series/series.duckdb"));
        ContributionService contributions = new ContributionService(store);
        Graph seed = GraphFactory.createDefaultGraph();
        for (String file : List.of("observables.ttl", "phenomena.ttl", "experiments.ttl")) {
            RDFParser.source(SEED.resolve(file)).lang(Lang.TURTLE).parse(seed);
        }
        // The same content again stores nothing: only the first opening adds it.
        store.submit(new NewContribution(
                seed, ContributionMethod.SEED, AgentRef.CURATORS, null, null, null, List.of(), true));
        Importer importer = new Importer(store, contributions, series, BASE, "atlas test", UploadLimits.DEFAULT);
        importer.addListener(new DetectAfterImport(
                new GrokkingDetection(store, contributions, series, BASE), GrokkingDetector.DEFAULT));
        Path temporary = data.resolve("imports/tmp");
        Files.createDirectories(temporary);
        importer.temporaryFolder(temporary);
        importer.recover();
        SweepRunner runner = new SweepRunner(data.resolve("sweeps"), store, contributions, importer, BASE, AGENT);
        return new SweepAtlas(store, series, importer, runner);
    }

    /** A specification of the toy experiment: a 2 x 2 grid with a prediction, few steps. */
    static SweepSpec spec(String id, long steps, String prediction) {
        String yaml = """
                id: %s
                title: Test sweep %s
                phenomenon: grokking
                variables:
                  - {name: lr, variable: decoder-learning-rate, values: [0.001, 0.01]}
                  - {name: weight_decay, variable: weight-decay, values: [0, 5]}
                seeds: [0]
                command: python3 train.py --p 23 --lr {lr} --wd {weight_decay} --seed {seed} --steps {steps} --out {out}
                output:
                  file: "{cell}.csv"
                  format: csv
                budget: {steps: %d, wall-time: 5m}
                parallelism: 2
                """.formatted(id, id, steps) + prediction;
        return SweepSpecParser.parse(yaml, id + ".yaml", TOY.toAbsolutePath());
    }

    static final String PREDICTION = """
            prediction:
              author: A. Researcher
              statement: Without weight decay the decoder memorises; with weight decay 5 it generalises.
              phases:
                - {weight_decay: 0, phase: memorization}
                - {weight_decay: 5, phase: grokking}
            """;

    /** Rows of a SELECT over accepted knowledge. */
    List<org.apache.jena.sparql.engine.binding.Binding> select(String sparql) {
        return store.query(
                QueryFactory.create(sparql),
                Duration.ofSeconds(30),
                exec -> exec.select().materialize().stream().toList());
    }

    @Override
    public void close() {
        series.close();
        store.close();
    }
}
