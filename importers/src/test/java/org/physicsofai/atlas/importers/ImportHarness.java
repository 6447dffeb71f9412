package org.physicsofai.atlas.importers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * A real TDB2 store and a real DuckDB series store on disk, with the curated observables of the
 * seed (from the seed-data module) and its phenomena accepted, and an importer over them.
 */
final class ImportHarness implements AutoCloseable {

    static final String BASE = "http://localhost:8080/id/";
    static final String OBS = "https://w3id.org/physics-of-ai/id/observable/";
    static final AgentRef AGENT = new AgentRef(BASE + "agent/test", "test");

    final Path directory;
    final KnowledgeStore store;
    final SeriesStore series;
    final Importer importer;

    ImportHarness(Path directory) {
        this.directory = directory;
        this.store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), BASE);
        this.series = new DuckDbSeriesStore(directory.resolve("series/series.duckdb"));
        this.importer =
                new Importer(store, new ContributionService(store), series, BASE, "atlas test", UploadLimits.DEFAULT);
        Graph observables = GraphFactory.createDefaultGraph();
        for (String file : List.of("observables.ttl", "phenomena.ttl")) {
            RDFParser.source(Path.of("../seed-data/knowledge", file))
                    .lang(Lang.TURTLE)
                    .parse(observables);
        }
        store.submit(new NewContribution(
                observables, ContributionMethod.SEED, AgentRef.CURATORS, null, null, null, List.of(), true));
    }

    ImportReport run(ImportFormat format, String experiment, Map<String, String> mapping, Path... paths) {
        try {
            return importer.run(
                    new ImportRequest(
                            java.util.Arrays.stream(paths)
                                    .map(ImportRequest.Source::of)
                                    .toList(),
                            format,
                            experiment,
                            new ObservableMapping(mapping),
                            AGENT,
                            true),
                    ImportProgress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ImportReport run(Path... paths) {
        return run(null, null, Map.of(), paths);
    }

    int importContributions() {
        return store.contributions(new ContributionFilter(null, ContributionMethod.IMPORT, null, 1000))
                .size();
    }

    /** Accepted knowledge as a graph. */
    Graph knowledge() {
        return store.query(
                QueryFactory.create("CONSTRUCT WHERE { ?s ?p ?o }"), Duration.ofSeconds(30), exec -> exec.construct());
    }

    /** The objects of (s, p) in accepted knowledge. */
    List<Node> objects(String subject, org.apache.jena.rdf.model.Property property) {
        return knowledge()
                .find(NodeFactory.createURI(subject), property.asNode(), Node.ANY)
                .mapWith(t -> t.getObject())
                .toList();
    }

    static Path copy(Path from, Path to) {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path fixture(String name) {
        return Path.of("src/test/resources/fixtures", name);
    }

    @Override
    public void close() {
        series.close();
        store.close();
    }
}
