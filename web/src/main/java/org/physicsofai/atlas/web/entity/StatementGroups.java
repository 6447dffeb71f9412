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

    /** How the entity describer writes a node it has no name for: its prefixed IRI (else the IRI itself). */
    private static final java.util.regex.Pattern PREFIXED = java.util.regex.Pattern.compile("[a-z]+:[\\w./%~\\-]+");

    /** The Atlas nodes among the statements' other ends that are named by their prefixed IRI. */
    static Set<String> unnamed(EntityView view) {
        Set<String> out = new java.util.LinkedHashSet<>();
        java.util.stream.Stream.concat(view.outgoing().stream(), view.incoming().stream())
                .map(Statement::other)
                .filter(t -> t.iri() != null
                        && (t.text().equals(t.iri())
                                || PREFIXED.matcher(t.text()).matches()))
                .forEach(t -> out.add(t.iri()));
        return out;
    }

    /**
     * The view with its floating-point literals in the shortest plain form, no datatype beside numbers, and
     * the given names for nodes that had none.
     */
    static EntityView plainNumbers(EntityView view, Map<String, String> names) {
        return new EntityView(
                view.iri(),
                view.label(),
                view.labels(),
                view.types(),
                view.definitions(),
                view.outgoing().stream().map(s -> plain(s, names)).toList(),
                view.incoming().stream().map(s -> plain(s, names)).toList(),
                view.moreIncoming());
    }

    private static Statement plain(Statement s, Map<String, String> names) {
        Term t = s.other();
        if (t.iri() != null && names.containsKey(t.iri())) {
            String name = names.get(t.iri());
            return new Statement(s.predicate(), new Term(t.iri(), name, null, name), s.provenance());
        }
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
