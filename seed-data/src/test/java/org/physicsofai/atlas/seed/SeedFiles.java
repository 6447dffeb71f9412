package org.physicsofai.atlas.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.physicsofai.atlas.ontology.AtlasOntology;

/** Loads the seed files as shipped: every Turtle file under {@code knowledge/}, as one graph. */
final class SeedFiles {

    static final Path KNOWLEDGE = Path.of("knowledge");
    static final Path QUERIES = Path.of("..", "docs", "queries");

    private SeedFiles() {}

    static List<Path> turtleFiles() {
        try (Stream<Path> files = Files.list(KNOWLEDGE)) {
            return files.filter(p -> p.toString().endsWith(".ttl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The union of all seed files, without the ontology. */
    static Model seed() {
        Model model = ModelFactory.createDefaultModel();
        for (Path file : turtleFiles()) {
            RDFDataMgr.read(model, file.toString());
        }
        return model;
    }

    /** The union of all seed files and the ontology, the data graph the shapes are checked against. */
    static Model seedWithOntology() {
        Model model = seed();
        model.add(ModelFactory.createModelForGraph(AtlasOntology.ontologyGraph()));
        return model;
    }
}
