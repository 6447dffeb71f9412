package org.physicsofai.atlas.web.entity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.NodeFactory;
import org.physicsofai.atlas.entity.EntityView;
import org.physicsofai.atlas.entity.Provenance;
import org.physicsofai.atlas.entity.Statement;
import org.physicsofai.atlas.entity.Term;
import org.physicsofai.atlas.web.system.PlainNumbers;

/**
 * An entity's raw statements as the page lists them: grouped by the contributions that assert them, so
 * that a contribution's method, agent, date and status are shown once above its statements rather than on
 * every row; numbers written as the sources wrote them.
 */
public record StatementGroups(List<Provenance> provenance, List<Statement> statements) {

    /** Number types whose datatype adds nothing beside the number. */
    private static final Set<String> NUMBERS = Set.of("xsd:double", "xsd:float", "xsd:decimal", "xsd:integer");

    /** The statements grouped by their provenance, in the order each group first appears. */
    public static List<StatementGroups> of(List<Statement> statements) {
        Map<List<Provenance>, List<Statement>> groups = new LinkedHashMap<>();
        statements.forEach(s ->
                groups.computeIfAbsent(s.provenance(), p -> new ArrayList<>()).add(s));
        List<StatementGroups> out = new ArrayList<>();
        groups.forEach((p, s) -> out.add(new StatementGroups(p, List.copyOf(s))));
        return List.copyOf(out);
    }

    /** The view with its floating-point literals in the shortest plain form and no datatype beside numbers. */
    static EntityView plainNumbers(EntityView view) {
        return new EntityView(
                view.iri(),
                view.label(),
                view.labels(),
                view.types(),
                view.definitions(),
                view.outgoing().stream().map(StatementGroups::plain).toList(),
                view.incoming().stream().map(StatementGroups::plain).toList(),
                view.moreIncoming());
    }

    private static Statement plain(Statement s) {
        Term t = s.other();
        if (t.iri() != null || t.qualifier() == null || !NUMBERS.contains(t.qualifier())) {
            return s;
        }
        String text = t.text();
        if (t.qualifier().equals("xsd:double") || t.qualifier().equals("xsd:float")) {
            text = PlainNumbers.text(NodeFactory.createLiteralDT(
                    t.text(), t.qualifier().equals("xsd:double") ? XSDDatatype.XSDdouble : XSDDatatype.XSDfloat));
        }
        return new Statement(s.predicate(), new Term(null, text, null, text), s.provenance());
    }
}
