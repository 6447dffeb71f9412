package org.physicsofai.atlas.web.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * A contribution as a reviewer reads it: its provenance, the statements it adds (those the contributions
 * it supersedes did not already make), and the statements that accepting it would withdraw (those of
 * the contributions it supersedes that it does not repeat).
 */
public record ContributionView(ContributionRecord record, List<Line> added, List<Line> withdrawn) {

    /** One statement, with short forms of its terms and links for entities. */
    public record Line(String subject, String subjectIri, String predicate, String object, String objectIri) {}

    public static ContributionView of(KnowledgeStore store, ContributionRecord record) {
        Graph assertions = store.assertions(record.iri());
        Graph replaced = GraphFactory.createDefaultGraph();
        record.supersedes().forEach(old -> GraphUtil.addInto(replaced, store.assertions(old)));
        List<Line> added = new ArrayList<>();
        assertions.find().forEach(t -> {
            if (!replaced.contains(t)) {
                added.add(line(t));
            }
        });
        List<Line> withdrawn = new ArrayList<>();
        replaced.find().forEach(t -> {
            if (!assertions.contains(t)) {
                withdrawn.add(line(t));
            }
        });
        return new ContributionView(record, sorted(added), sorted(withdrawn));
    }

    static List<Line> sorted(List<Line> lines) {
        lines.sort(Comparator.comparing(Line::subject)
                .thenComparing(Line::predicate)
                .thenComparing(Line::object));
        return List.copyOf(lines);
    }

    static Line line(Triple t) {
        return new Line(
                text(t.getSubject()),
                t.getSubject().isURI() ? t.getSubject().getURI() : null,
                text(t.getPredicate()),
                text(t.getObject()),
                t.getObject().isURI() ? t.getObject().getURI() : null);
    }

    private static String text(Node node) {
        if (node.isURI()) {
            String iri = node.getURI();
            return iri.startsWith(AtlasOntology.ID_BASE)
                    ? iri.substring(AtlasOntology.ID_BASE.length())
                    : AtlasOntology.prefixes().shortForm(iri);
        }
        if (node.isLiteral()) {
            String lang = node.getLiteralLanguage();
            return "\"" + node.getLiteralLexicalForm() + "\"" + (lang.isEmpty() ? "" : "@" + lang);
        }
        return node.toString();
    }
}
