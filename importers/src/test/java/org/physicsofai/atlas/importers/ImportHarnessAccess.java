package org.physicsofai.atlas.importers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Property;
import org.physicsofai.atlas.series.SeriesData;

/** The import harness for the tests of the format packages. */
public final class ImportHarnessAccess implements AutoCloseable {

    private final ImportHarness harness;

    public ImportHarnessAccess(Path directory) {
        harness = new ImportHarness(directory);
    }

    public ImportReport run(Path... paths) {
        return harness.run(paths);
    }

    public ImportReport run(ImportFormat format, String experiment, Map<String, String> mapping, Path... paths) {
        return harness.run(format, experiment, mapping, paths);
    }

    public SeriesData points(String series) {
        return harness.series.points(series).orElseThrow();
    }

    public List<Node> objects(String subject, Property property) {
        return harness.objects(subject, property);
    }

    public org.physicsofai.atlas.store.KnowledgeStore store() {
        return harness.store;
    }

    public org.physicsofai.atlas.series.SeriesStore seriesStore() {
        return harness.series;
    }

    public Importer importer() {
        return harness.importer;
    }

    /** Accepted knowledge as a graph. */
    public org.apache.jena.graph.Graph knowledge() {
        return harness.knowledge();
    }

    public int importContributions() {
        return harness.importContributions();
    }

    @Override
    public void close() {
        harness.close();
    }
}
