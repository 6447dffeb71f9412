package org.physicsofai.atlas.contribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.sparql.syntax.Template;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * Checks new statements against the Atlas shapes in the context of the accepted knowledge: the
 * statements the store already has about the same subjects, and the types of the nodes they point
 * to. Only the subjects of the new statements are reported on.
 */
public final class ShapeValidator {

    private static final Duration CONTEXT_TIMEOUT = Duration.ofMinutes(2);
    private static final int BATCH = 500;

    private static final Var S = Var.alloc("s");
    private static final Var P = Var.alloc("p");
    private static final Var O = Var.alloc("o");
    private static final Var T = Var.alloc("t");
    private static final Node TYPE = org.apache.jena.vocabulary.RDF.type.asNode();

    private final Shapes shapes = Shapes.parse(AtlasOntology.shapesGraph());
    private final Graph ontology = AtlasOntology.ontologyGraph();
    private final KnowledgeStore store;

    public ShapeValidator(KnowledgeStore store) {
        this.store = store;
    }

    /**
     * Checks statements in the context of accepted knowledge.
     *
     * @param replaced statements of the contributions the new one supersedes, left out of the context
     */
    public List<Violation> validate(Graph assertions, Graph replaced) {
        Set<Node> subjects = new LinkedHashSet<>();
        Set<Node> objects = new LinkedHashSet<>();
        assertions.find().forEach(t -> {
            subjects.add(t.getSubject());
            if (t.getObject().isURI()) {
                objects.add(t.getObject());
            }
        });
        Graph data = GraphFactory.createDefaultGraph();
        GraphUtil.addInto(data, ontology);
        GraphUtil.addInto(data, assertions);
        addContext(data, S, S, P, O, subjects);
        // The nodes the subjects' stored statements point to are checked by class as well: their types too.
        for (Node subject : subjects) {
            data.find(subject, Node.ANY, Node.ANY).forEach(t -> {
                if (t.getObject().isURI()) {
                    objects.add(t.getObject());
                }
            });
        }
        addContext(data, O, O, TYPE, T, objects);
        replaced.find().forEach(t -> {
            if (!assertions.contains(t)) {
                data.delete(t);
            }
        });

        List<Violation> violations = new ArrayList<>();
        for (ReportEntry entry : ShaclValidator.get().validate(shapes, data).getEntries()) {
            if (subjects.contains(entry.focusNode())) {
                violations.add(toViolation(entry));
            }
        }
        violations.sort(Comparator.comparing(Violation::focusNode).thenComparing(v -> String.valueOf(v.field())));
        return violations;
    }

    /**
     * Adds the statements {@code subject predicate object} in which the variable {@code bound} is one
     * of the nodes. The queries are built with Jena's syntax classes (a {@code VALUES} block
     * of at most {@value #BATCH} IRIs joined with one triple pattern), not written and parsed as text.
     */
    private void addContext(Graph data, Var bound, Node subject, Node predicate, Node object, Set<Node> nodes) {
        List<Node> iris = nodes.stream().filter(Node::isURI).toList();
        for (int from = 0; from < iris.size(); from += BATCH) {
            List<Binding> rows = new ArrayList<>();
            for (Node iri : iris.subList(from, Math.min(iris.size(), from + BATCH))) {
                rows.add(BindingFactory.binding(bound, iri));
            }
            ElementGroup where = new ElementGroup();
            where.addElement(new ElementData(List.of(bound), rows));
            ElementPathBlock pattern = new ElementPathBlock();
            pattern.addTriple(Triple.create(subject, predicate, object));
            where.addElement(pattern);
            Query query = new Query();
            query.setQueryConstructType();
            query.setConstructTemplate(
                    new Template(new BasicPattern(List.of(Triple.create(subject, predicate, object)))));
            query.setQueryPattern(where);
            store.query(query, CONTEXT_TIMEOUT, exec -> {
                GraphUtil.addInto(data, exec.construct());
                return null;
            });
        }
    }

    private static Violation toViolation(ReportEntry entry) {
        String english = entry.message();
        String chinese = null;
        for (Node message : entry.messages()) {
            if (message.isLiteral() && "zh".equals(message.getLiteralLanguage())) {
                chinese = message.getLiteralLexicalForm();
            } else if (message.isLiteral() && "en".equals(message.getLiteralLanguage())) {
                english = message.getLiteralLexicalForm();
            }
        }
        return new Violation(
                entry.focusNode().isURI()
                        ? entry.focusNode().getURI()
                        : entry.focusNode().toString(),
                entry.resultPath() == null
                        ? null
                        : entry.resultPath().toString().replaceAll("^<|>$", ""),
                entry.value() == null ? null : entry.value().toString(),
                english,
                chinese,
                entry.sourceConstraintComponent() == null
                        ? null
                        : entry.sourceConstraintComponent().getURI().replaceAll(".*#", ""));
    }
}
