package org.physicsofai.atlas.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.web.AtlasApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole Atlas application on a free port over a data directory of its own, as users run it. */
public final class BenchApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    public BenchApp(Path dataDir) {
        context = new SpringApplicationBuilder(AtlasApplication.class)
                .run(
                        "--server.port=0",
                        "--atlas.data-dir=" + dataDir,
                        "--atlas.base-iri=" + AtlasOntology.ID_BASE,
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN");
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Stores an N-Triples file as one accepted contribution, through the application's write path. */
    public void load(Path nTriples) throws IOException {
        load(context.getBean(ContributionService.class), nTriples);
    }

    public static void load(ContributionService contributions, Path nTriples) {
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.source(nTriples).lang(Lang.NTRIPLES).parse(graph);
        contributions.submit(
                nTriples.getFileName().toString(),
                new NewContribution(
                        graph,
                        ContributionMethod.IMPORT,
                        AgentRef.CURATORS,
                        nTriples.getFileName().toString(),
                        null,
                        "benchmark",
                        List.of(),
                        true));
    }

    /**
     * Waits until the work the application does in the background after a write has finished (the
     * downloads written again, law checks made again, detectors), so that it does not compete with what
     * is measured next: until the process has used less than a tenth of a core for 3 s in a row, or 15
     * minutes have passed.
     */
    public void awaitIdle() throws InterruptedException {
        java.lang.management.OperatingSystemMXBean os =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean process)) {
            return;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(15);
        long interval = 500;
        int quiet = 0;
        long cpu = process.getProcessCpuTime();
        while (quiet < 6 && System.nanoTime() < deadline) {
            Thread.sleep(interval);
            long now = process.getProcessCpuTime();
            quiet = now - cpu < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(interval) / 10 ? quiet + 1 : 0;
            cpu = now;
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
