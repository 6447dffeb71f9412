package org.physicsofai.atlas.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;

/**
 * Writes quads as TriG, one block per run of quads in the same graph, every term in N-Triples form.
 * Blank nodes keep their stored labels (encoded), so that a restore gives back identical quads;
 * Jena's pretty TriG writers relabel them.
 */
final class TrigQuads extends StreamRDFBase {

    private final Writer out;
    private Node graph;
    private long quads;

    TrigQuads(Writer out) {
        this.out = out;
    }

    @Override
    public void quad(Quad quad) {
        try {
            Node g = quad.isDefaultGraph() ? Quad.defaultGraphIRI : quad.getGraph();
            if (!g.equals(graph)) {
                closeBlock();
                out.write(g.equals(Quad.defaultGraphIRI) ? "{\n" : NodeFmtLib.strNT(g) + " {\n");
                graph = g;
            }
            out.write("  ");
            out.write(NodeFmtLib.strNT(quad.getSubject()));
            out.write(' ');
            out.write(NodeFmtLib.strNT(quad.getPredicate()));
            out.write(' ');
            out.write(NodeFmtLib.strNT(quad.getObject()));
            out.write(" .\n");
            quads++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finish() {
        try {
            closeBlock();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeBlock() throws IOException {
        if (graph != null) {
            out.write("}\n");
            graph = null;
        }
    }

    long quads() {
        return quads;
    }
}
