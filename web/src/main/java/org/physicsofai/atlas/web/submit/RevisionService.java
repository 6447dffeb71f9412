package org.physicsofai.atlas.web.submit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Revising an accepted node: the revision is a new contribution that repeats the contribution the node
 * came from with the node's statements replaced, and supersedes it once accepted. Nothing is
 * overwritten; the old contribution stays in the history, marked superseded.
 */
@Service
class RevisionService {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String SOURCES = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            SELECT DISTINCT ?g WHERE {
              ?node ?p ?o .
              GRAPH ?g { ?node ?p ?o }
              GRAPH ?provenance { ?g atlas:status atlas:accepted }
            }""";

    /** A node ready to be revised: its form (without dependent rows), its current values and its source. */
    record Revision(FormDefinition form, String node, ContributionRecord source, Map<String, String> values) {}

    /** The node cannot be revised as asked; the message says why. */
    static class RevisionException extends IllegalArgumentException {
        RevisionException(String message) {
            super(message);
        }
    }

    private final KnowledgeStore store;
    private final ShapeForms forms;
    private final SubmissionService submissions;
    private final FormReader reader;

    RevisionService(KnowledgeStore store, ShapeForms forms, SubmissionService submissions, AtlasProperties properties) {
        this.store = store;
        this.forms = forms;
        this.submissions = submissions;
        this.reader = new FormReader(properties.baseIri());
    }

    Revision prepare(String nodeIri) {
        Graph current = statements(nodeIri);
        if (current.isEmpty()) {
            throw new NotFoundException("The Atlas knows nothing about " + nodeIri + ".");
        }
        Node node = NodeFactory.createURI(nodeIri);
        Set<String> types = current.find(node, RDF.type.asNode(), Node.ANY).toList().stream()
                .map(t -> t.getObject().getURI())
                .collect(Collectors.toSet());
        FormDefinition form = forms.all().stream()
                .filter(f -> types.contains(f.classIri()))
                .reduce((a, b) -> b.fields().size() > a.fields().size() ? b : a)
                .map(RevisionService::withoutDependentRows)
                .orElseThrow(() -> new RevisionException("Nodes of this kind cannot be revised through a form."));
        return new Revision(form, nodeIri, source(nodeIri), values(form, current, node));
    }

    /** Submits the revision; field problems and shape violations are thrown as by a submission. */
    ContributionRecord revise(String username, Revision revision, Map<String, String> values) {
        Node node = NodeFactory.createURI(revision.node());
        FormReader.Reading reading = reader.read(revision.form(), values, node);
        if (!reading.problems().isEmpty()) {
            throw new FieldProblems(reading);
        }
        Set<String> replacedPaths =
                revision.form().fields().stream().map(Field::path).collect(Collectors.toSet());
        Graph revised = GraphFactory.createDefaultGraph();
        store.assertions(revision.source().iri()).find().forEach(t -> {
            boolean replaced = t.getSubject().equals(node)
                    && replacedPaths.contains(t.getPredicate().getURI());
            if (!replaced) {
                revised.add(t);
            }
        });
        GraphUtil.addInto(revised, reading.graph());
        if (revised.isIsomorphicWith(store.assertions(revision.source().iri()))) {
            throw new RevisionException("Nothing was changed.");
        }
        return submissions.revise(username, "The revision", revised, revision.source());
    }

    /** Problems reading the form's values, per field. */
    static class FieldProblems extends RuntimeException {
        private final transient FormReader.Reading reading;

        FieldProblems(FormReader.Reading reading) {
            super("Some values cannot be read");
            this.reading = reading;
        }

        FormReader.Reading reading() {
            return reading;
        }
    }

    private ContributionRecord source(String nodeIri) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(SOURCES);
        pss.setIri("node", nodeIri);
        pss.setIri("provenance", KnowledgeStore.PROVENANCE_GRAPH);
        List<String> sources = new ArrayList<>();
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> sources.add(row.get("g").getURI()));
            return null;
        });
        if (sources.size() != 1) {
            throw new RevisionException("The statements about this node come from " + sources.size()
                    + " contributions; only a node described by one contribution can be revised here."
                    + " Submit a new contribution instead, or ask a curator to retract what is wrong.");
        }
        return store.contribution(sources.get(0)).orElseThrow();
    }

    private Graph statements(String nodeIri) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("CONSTRUCT WHERE { ?node ?p ?o }");
        pss.setIri("node", nodeIri);
        return store.query(pss.asQuery(), TIMEOUT, exec -> exec.construct());
    }

    private static FormDefinition withoutDependentRows(FormDefinition form) {
        return new FormDefinition(
                form.type(),
                form.classIri(),
                form.fields().stream()
                        .filter(f -> f.kind() != Field.Kind.NESTED)
                        .toList());
    }

    /** The node's current values in the form's parameters. */
    private static Map<String, String> values(FormDefinition form, Graph current, Node node) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            List<Node> objects = current.find(node, NodeFactory.createURI(field.path()), Node.ANY).toList().stream()
                    .map(Triple::getObject)
                    .toList();
            if (field.kind() == Field.Kind.TEXT_EN_ZH) {
                for (String language : List.of("en", "zh")) {
                    String text = objects.stream()
                            .filter(o -> o.isLiteral() && o.getLiteralLanguage().equals(language))
                            .map(Node::getLiteralLexicalForm)
                            .collect(Collectors.joining("\n"));
                    if (!text.isEmpty()) {
                        values.put(field.name() + "@" + language, text);
                    }
                }
            } else if (!objects.isEmpty()) {
                values.put(
                        field.name(),
                        objects.stream()
                                .map(o -> o.isURI() ? o.getURI() : o.getLiteralLexicalForm())
                                .collect(Collectors.joining("\n")));
            }
        }
        return values;
    }
}
