package org.physicsofai.atlas.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * Reads what the store knows about one node, for entity pages and Linked-Data responses: its
 * statements in accepted knowledge (and, for contributions and agents, in the provenance graph),
 * each with the accepted contributions that assert it.
 */
public final class EntityDescriber {

    /** Incoming statements beyond this many are counted as "more", not listed. */
    public static final int MAX_INCOMING = 500;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PREFIXES = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            """;
    private static final String OUTGOING = PREFIXES + """
            SELECT ?p ?o ?g ?method ?agent ?created WHERE {
              { ?s ?p ?o } UNION { GRAPH ?provenance { ?s ?p ?o } }
              OPTIONAL {
                GRAPH ?g { ?s ?p ?o }
                GRAPH ?provenance {
                  ?g atlas:status atlas:accepted ; atlas:method ?method ; prov:generatedAtTime ?created ;
                     prov:wasAttributedTo/skos:prefLabel ?agent }
              }
            }""";
    private static final String INCOMING = PREFIXES + """
            SELECT ?p ?o ?g ?method ?agent ?created WHERE {
              { SELECT DISTINCT ?o ?p WHERE { { ?o ?p ?s } UNION { GRAPH ?provenance { ?o ?p ?s } } } LIMIT %d }
              OPTIONAL {
                GRAPH ?g { ?o ?p ?s }
                GRAPH ?provenance {
                  ?g atlas:status atlas:accepted ; atlas:method ?method ; prov:generatedAtTime ?created ;
                     prov:wasAttributedTo/skos:prefLabel ?agent }
              }
            }""".formatted(MAX_INCOMING + 1);
    private static final String LABELS = PREFIXES
            + """
            SELECT ?x ?p ?label WHERE {
              VALUES (?x) { ?nodes }
              VALUES ?p { %s }
              { ?x ?p ?label } UNION { GRAPH ?provenance { ?x ?p ?label } }
            }""".formatted(
                    LabelRule.PREDICATES.stream().map(p -> "<" + p + ">").collect(Collectors.joining(" ")));
    private static final String DESCRIBE = """
            CONSTRUCT { ?s ?p ?o . ?x ?q ?s } WHERE {
              { ?s ?p ?o } UNION { GRAPH ?provenance { ?s ?p ?o } } UNION { ?x ?q ?s }
            }""";

    private static final String HISTORY = PREFIXES + """
            SELECT ?g ?method ?agent ?created ?status ?reviewed ?reason (COUNT(*) AS ?n) WHERE {
              GRAPH ?g { { ?s ?p ?o } UNION { ?o ?p ?s } }
              GRAPH ?provenance {
                ?g atlas:status ?status ; atlas:method ?method ; prov:generatedAtTime ?created ;
                   prov:wasAttributedTo/skos:prefLabel ?agent .
                OPTIONAL { ?g atlas:reviewedAt ?reviewed }
                OPTIONAL { ?g atlas:statusReason ?reason }
              }
            }
            GROUP BY ?g ?method ?agent ?created ?status ?reviewed ?reason
            ORDER BY DESC(?created)""";

    private final KnowledgeStore store;

    public EntityDescriber(KnowledgeStore store) {
        this.store = store;
    }

    /**
     * Describes a node for a reader of the given language ({@code en} or {@code zh}).
     *
     * @return empty if the store has no statement about the node
     */
    public Optional<EntityView> describe(String iri, String language) {
        Node subject = NodeFactory.createURI(iri);
        Map<Node, Map<Node, List<Provenance>>> outgoing = statements(OUTGOING, subject);
        Map<Node, Map<Node, List<Provenance>>> incoming = statements(INCOMING, subject);
        if (outgoing.isEmpty() && incoming.isEmpty()) {
            return Optional.empty();
        }
        int incomingCount = incoming.values().stream().mapToInt(Map::size).sum();
        Set<Node> named = new LinkedHashSet<>();
        named.add(subject);
        outgoing.forEach((p, objects) -> {
            named.add(p);
            named.addAll(objects.keySet());
        });
        incoming.forEach((p, subjects) -> {
            named.add(p);
            named.addAll(subjects.keySet());
        });
        Labels labels = labels(named, language);

        List<Term> prefLabels =
                literals(outgoing, NodeFactory.createURI("http://www.w3.org/2004/02/skos/core#prefLabel"));
        List<Term> definitions =
                literals(outgoing, NodeFactory.createURI("http://www.w3.org/2004/02/skos/core#definition"));
        List<Term> types = outgoing
                .getOrDefault(NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), Map.of())
                .keySet()
                .stream()
                .map(labels::term)
                .sorted(Comparator.comparing(Term::text))
                .toList();
        return Optional.of(new EntityView(
                iri,
                labels.heading(subject),
                prefLabels,
                types,
                definitions,
                toStatements(outgoing, labels),
                toStatements(incoming, labels).stream().limit(MAX_INCOMING).toList(),
                incomingCount > MAX_INCOMING));
    }

    /** Every contribution whose statements mention the node, newest first, with status and reasons. */
    public List<HistoryEntry> history(String iri) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(HISTORY);
        pss.setIri("s", iri);
        pss.setIri("provenance", KnowledgeStore.PROVENANCE_GRAPH);
        List<HistoryEntry> entries = new ArrayList<>();
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select()
                    .forEachRemaining(row -> entries.add(new HistoryEntry(
                            row.get("g").getURI(),
                            localName(row.get("method")),
                            row.get("agent").getLiteralLexicalForm(),
                            Instant.parse(row.get("created").getLiteralLexicalForm()),
                            localName(row.get("status")),
                            row.contains("reviewed")
                                    ? Instant.parse(row.get("reviewed").getLiteralLexicalForm())
                                    : null,
                            row.contains("reason") ? row.get("reason").getLiteralLexicalForm() : null,
                            Long.parseLong(row.get("n").getLiteralLexicalForm()))));
            return null;
        });
        return entries;
    }

    /** The node's statements as RDF: outgoing ones (with provenance for contributions) and incoming ones. */
    public Graph describeGraph(String iri) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(DESCRIBE);
        pss.setIri("s", iri);
        pss.setIri("provenance", KnowledgeStore.PROVENANCE_GRAPH);
        Graph graph = GraphFactory.createDefaultGraph();
        graph.getPrefixMapping().setNsPrefixes(AtlasOntology.prefixes());
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            GraphUtil.addInto(graph, exec.construct());
            return null;
        });
        return graph;
    }

    private Map<Node, Map<Node, List<Provenance>>> statements(String template, Node subject) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(template);
        pss.setParam("s", subject);
        pss.setIri("provenance", KnowledgeStore.PROVENANCE_GRAPH);
        Map<Node, Map<Node, List<Provenance>>> result = new LinkedHashMap<>();
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            RowSet rows = exec.select();
            while (rows.hasNext()) {
                Binding row = rows.next();
                List<Provenance> sources = result.computeIfAbsent(row.get("p"), p -> new LinkedHashMap<>())
                        .computeIfAbsent(row.get("o"), o -> new ArrayList<>());
                Node graph = row.get("g");
                if (graph != null
                        && sources.stream().noneMatch(s -> s.contribution().equals(graph.getURI()))) {
                    sources.add(new Provenance(
                            graph.getURI(),
                            localName(row.get("method")),
                            row.get("agent").getLiteralLexicalForm(),
                            Instant.parse(row.get("created").getLiteralLexicalForm()),
                            "accepted"));
                }
            }
            return null;
        });
        return result;
    }

    private Labels labels(Set<Node> nodes, String language) {
        List<RDFNode> iris = nodes.stream()
                .filter(Node::isURI)
                .map(n -> (RDFNode) ResourceFactory.createResource(n.getURI()))
                .toList();
        Map<Node, LabelRule> found = new HashMap<>();
        ParameterizedSparqlString pss = new ParameterizedSparqlString(LABELS);
        pss.setIri("provenance", KnowledgeStore.PROVENANCE_GRAPH);
        // A VALUES block names its variable in parentheses and the values by a placeholder of its own:
        // otherwise setValues leaves the query unchanged and it reads every label of the store.
        pss.setValues("nodes", iris);
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select()
                    .forEachRemaining(row -> found.computeIfAbsent(row.get("x"), x -> new LabelRule())
                            .offer(row.get("p").getURI(), row.get("label")));
            return null;
        });
        return new Labels(found, language);
    }

    private static List<Term> literals(Map<Node, Map<Node, List<Provenance>>> outgoing, Node predicate) {
        return outgoing.getOrDefault(predicate, Map.of()).keySet().stream()
                .filter(Node::isLiteral)
                .map(n -> new Term(null, n.getLiteralLexicalForm(), n.getLiteralLanguage()))
                .sorted(Comparator.comparing(Term::qualifier))
                .toList();
    }

    private static List<Statement> toStatements(Map<Node, Map<Node, List<Provenance>>> byPredicate, Labels labels) {
        List<Statement> statements = new ArrayList<>();
        byPredicate.forEach((p, others) -> others.forEach(
                (other, provenance) -> statements.add(new Statement(labels.term(p), labels.term(other), provenance))));
        statements.sort(Comparator.comparing((Statement s) -> s.predicate().text())
                .thenComparing(s -> s.other().text()));
        return statements;
    }

    static String localName(Node node) {
        String iri = node.getURI();
        return iri.substring(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
    }

    /** Names nodes by the {@link LabelRule}, falling back to the IRI's short form. */
    private record Labels(Map<Node, LabelRule> found, String language) {

        private Optional<LabelRule.Label> label(Node node) {
            return Optional.ofNullable(found.get(node)).flatMap(rule -> rule.label(language));
        }

        /** The whole name, never cut: a claim's page is headed by its whole statement. */
        String heading(Node node) {
            return label(node).map(LabelRule.Label::full).orElseGet(() -> shortForm(node));
        }

        Term term(Node node) {
            if (node.isURI()) {
                return label(node)
                        .map(l -> new Term(node.getURI(), l.text(), null, l.full()))
                        .orElseGet(() -> new Term(node.getURI(), shortForm(node), null));
            }
            if (node.isLiteral()) {
                String lang = node.getLiteralLanguage();
                // A plain string is shown as plain text: only other datatypes are named beside the value.
                String qualifier = !lang.isEmpty()
                        ? lang
                        : XSDDatatype.XSDstring.getURI().equals(node.getLiteralDatatypeURI())
                                ? null
                                : AtlasOntology.prefixes().shortForm(node.getLiteralDatatypeURI());
                return new Term(null, node.getLiteralLexicalForm(), qualifier);
            }
            return new Term(null, node.toString(), null);
        }

        private static String shortForm(Node node) {
            String shortForm = AtlasOntology.prefixes().shortForm(node.getURI());
            return shortForm.startsWith("atlas:") ? shortForm.substring("atlas:".length()) : shortForm;
        }
    }

    /** The classes whose instances the home page counts, in reading order. */
    public static final List<String> COUNTED_CLASSES = List.of(
            Atlas.Phenomenon.getURI(),
            Atlas.Observable.getURI(),
            Atlas.Experiment.getURI(),
            Atlas.Run.getURI(),
            Atlas.Model.getURI(),
            Atlas.Task.getURI(),
            Atlas.Dataset.getURI(),
            Atlas.Variable.getURI(),
            Atlas.Series.getURI(),
            Atlas.Observation.getURI(),
            Atlas.Claim.getURI(),
            Atlas.Law.getURI(),
            Atlas.Detector.getURI(),
            Atlas.LawCheck.getURI(),
            Atlas.Insight.getURI(),
            Atlas.Source.getURI());

    /** How many nodes of each counted class accepted knowledge holds, zero included. */
    public List<TypeCount> counts() {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(
                "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES (?type) { ?types } ?s a ?type } GROUP BY ?type");
        pss.setValues(
                "types",
                COUNTED_CLASSES.stream()
                        .map(c -> (RDFNode) ResourceFactory.createResource(c))
                        .toList());
        Map<String, Long> counts = new HashMap<>();
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select()
                    .forEachRemaining(row -> counts.put(
                            row.get("type").getURI(),
                            Long.parseLong(row.get("n").getLiteralLexicalForm())));
            return null;
        });
        return COUNTED_CLASSES.stream()
                .map(c -> new TypeCount(c, localName(NodeFactory.createURI(c)), counts.getOrDefault(c, 0L)))
                .toList();
    }
}
