package org.physicsofai.atlas.web.sparql;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.sparql.SparqlResult;

/** A query answer laid out for the HTML page: columns and rows of cells, or a yes/no. */
record ResultTable(List<String> columns, List<List<Cell>> rows, Boolean answer, boolean truncated) {

    /** One value: its text, and a link for IRIs (to the entity page for Atlas IRIs). */
    record Cell(String text, String href) {}

    static ResultTable of(SparqlResult result, Query query) {
        return switch (result) {
            case SparqlResult.Bool bool -> new ResultTable(List.of(), List.of(), bool.value(), false);
            case SparqlResult.Rows rows -> rows(rows.rows(), rows.truncated());
            case SparqlResult.Triples triples -> {
                List<List<Cell>> cells = new ArrayList<>();
                triples.graph()
                        .find()
                        .forEach(t ->
                                cells.add(List.of(cell(t.getSubject()), cell(t.getPredicate()), cell(t.getObject()))));
                yield new ResultTable(List.of("subject", "predicate", "object"), cells, null, triples.truncated());
            }
        };
    }

    private static ResultTable rows(RowSetRewindable rowSet, boolean truncated) {
        rowSet.reset();
        List<String> columns =
                rowSet.getResultVars().stream().map(v -> v.getVarName()).toList();
        List<List<Cell>> rows = new ArrayList<>();
        while (rowSet.hasNext()) {
            Binding binding = rowSet.next();
            rows.add(rowSet.getResultVars().stream()
                    .map(v -> cell(binding.get(v)))
                    .toList());
        }
        return new ResultTable(columns, rows, null, truncated);
    }

    private static Cell cell(Node node) {
        if (node == null) {
            return new Cell("", null);
        }
        if (node.isURI()) {
            String iri = node.getURI();
            String href = iri.startsWith(AtlasOntology.ID_BASE)
                    ? "/id/" + iri.substring(AtlasOntology.ID_BASE.length())
                    : iri.startsWith("http://") || iri.startsWith("https://") ? iri : null;
            return new Cell(AtlasOntology.prefixes().shortForm(iri), href);
        }
        if (node.isLiteral()) {
            String lang = node.getLiteralLanguage();
            return new Cell(node.getLiteralLexicalForm() + (lang.isEmpty() ? "" : " @" + lang), null);
        }
        return new Cell(node.toString(), null);
    }
}
