package org.physicsofai.atlas.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Submission;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.springframework.util.FileSystemUtils;

/**
 * Bulk load: an N-Triples file stored as one accepted contribution through the Atlas's write path
 * ({@link ContributionService#submit}: parse, content hash, validation against the shapes, the
 * contribution's named graph and the default graph in one TDB2 transaction), against Jena's basic
 * TDB2 loader ({@code tdb2.tdbloader --loader=basic}, called in-process) reading the same file into
 * an empty TDB2 database. Each repetition uses fresh directories; the two alternate.
 */
public final class BulkLoadBench {

    private BulkLoadBench() {}

    public static Report run(Path work, int entities, int repetitions) throws IOException {
        Path file = work.resolve("graph-" + entities + ".nt");
        new SyntheticGraph(entities, 42).writeNTriples(file);
        Graph distinct = GraphFactory.createDefaultGraph();
        RDFParser.source(file).lang(Lang.NTRIPLES).parse(distinct);
        long statements = distinct.size(); // the file may repeat a statement; stores keep one
        distinct.clear();
        Samples atlas = new Samples();
        Samples basic = new Samples();
        Samples parse = new Samples();
        Samples submit = new Samples();
        // One unmeasured round of each warms the JIT.
        for (int round = -1; round < repetitions; round++) {
            Path atlasDir = work.resolve("atlas-load-" + round);
            Path basicDir = work.resolve("basic-load-" + round);
            double[] phases = new double[2];
            double atlasMs = Samples.millis(() -> phases(file, atlasDir, phases));
            double basicMs = Samples.millis(() -> basicLoad(file, basicDir, statements));
            // Release the stores' caches, so that each repetition starts as cold as the first.
            org.apache.jena.tdb2.sys.StoreConnection.release(org.apache.jena.dboe.base.file.Location.create(atlasDir));
            FileSystemUtils.deleteRecursively(atlasDir);
            FileSystemUtils.deleteRecursively(basicDir);
            if (round >= 0) {
                atlas.add(statements / (atlasMs / 1000));
                basic.add(statements / (basicMs / 1000));
                parse.add(phases[0]);
                submit.add(phases[1]);
            }
        }
        return new Report(
                        "Bulk load",
                        "Jena TDB2 basic loader (LoaderFactory.basicLoader) into an empty TDB2",
                        String.format(
                                "%,d entities, %,d statements, %d repetitions", entities, statements, repetitions))
                .row(new Report.Row("statements loaded per second", "statements/s", atlas, basic, ">= 1.0", 1.0, true))
                .note(String.format(
                        "Atlas phases (median): parse into memory %s ms, hash + validate + store %s ms",
                        Report.fmt(parse.median()), Report.fmt(submit.median())));
    }

    private static void phases(Path file, Path directory, double[] phases) {
        try (Tdb2KnowledgeStore store = new Tdb2KnowledgeStore(directory, AtlasOntology.ID_BASE)) {
            ContributionService contributions = new ContributionService(store);
            Graph graph = GraphFactory.createDefaultGraph();
            phases[0] = Samples.millis(
                    () -> RDFParser.source(file).lang(Lang.NTRIPLES).parse(graph));
            phases[1] = Samples.millis(() -> {
                Submission submission = contributions.submit(
                        file.getFileName().toString(),
                        new NewContribution(
                                graph,
                                ContributionMethod.IMPORT,
                                AgentRef.CURATORS,
                                file.getFileName().toString(),
                                null,
                                "benchmark",
                                List.of(),
                                true));
                if (!submission.created()) {
                    throw new IllegalStateException("The contribution was not stored: " + file);
                }
            });
        }
    }

    private static void basicLoad(Path file, Path directory, long statements) {
        DatasetGraph dataset = DatabaseMgr.connectDatasetGraph(directory.toString());
        try {
            DataLoader loader = LoaderFactory.basicLoader(dataset, (format, args) -> {});
            loader.startBulk();
            try {
                loader.load(file.toString());
                loader.finishBulk();
            } catch (RuntimeException e) {
                loader.finishException(e);
                throw e;
            }
            long stored =
                    Txn.calculateRead(dataset, () -> dataset.getDefaultGraph().size());
            if (stored != statements) {
                throw new IllegalStateException("The basic loader stored " + stored + " of " + statements);
            }
        } finally {
            org.apache.jena.tdb2.sys.TDBInternal.expel(dataset);
        }
    }
}
