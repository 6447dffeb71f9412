package org.physicsofai.atlas.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.vocabulary.RDF;
import org.physicsofai.atlas.entity.Provenance;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * What the in-store tracer reads from the knowledge store: the traversable statements of accepted
 * knowledge, whether given statements are (still) accepted, and the provenance of statements. Every
 * query takes its values through a {@code VALUES} block built with Jena's syntax classes, never as text.
 */
final class StoreStatements {

    /** Statements per query when asking about many at once. */
    static final int BATCH = 500;

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Var S = Var.alloc("s");
    private static final Var P = Var.alloc("p");
    private static final Var O = Var.alloc("o");
    private static final Node TYPE = RDF.type.asNode();
    private static final String PREFIXES = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            """;
    private static final String LINKS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }";
    private static final String TYPES = "SELECT ?s ?o WHERE { ?s a ?o FILTER(isIRI(?s) && isIRI(?o)) }";
    private static final String PRESENT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }";
    private static final String PROVENANCE = PREFIXES + """
            SELECT ?s ?p ?o ?g ?method ?agent ?created WHERE {
              GRAPH ?g { ?s ?p ?o }
              GRAPH ?provenance {
                ?g atlas:status atlas:accepted ; atlas:method ?method ; prov:generatedAtTime ?created ;
                   prov:wasAttributedTo ?who .
                ?who skos:prefLabel ?agent }
            }""";

    private final KnowledgeStore store;

    StoreStatements(KnowledgeStore store) {
        this.store = store;
    }

    /** Reads every traversable statement and every type of accepted knowledge into a fresh view. */
    AdjacencyGraph load() {
        AdjacencyGraph graph = new AdjacencyGraph();
        List<Binding> predicates = TraversableLinks.ALL.stream()
                .map(p -> BindingFactory.binding(P, NodeFactory.createURI(p)))
                .toList();
        store.query(withValues(LINKS, List.of(P), predicates), LOAD_TIMEOUT, exec -> {
            RowSet rows = exec.select();
            rows.forEachRemaining(row -> graph.loadLink(
                    row.get(S).getURI(), row.get(P).getURI(), row.get(O).getURI()));
            return null;
        });
        store.query(parse(TYPES), LOAD_TIMEOUT, exec -> {
            exec.select()
                    .forEachRemaining(
                            row -> graph.addType(row.get(S).getURI(), row.get(O).getURI()));
            return null;
        });
        return graph;
    }

    /** Whether a statement is something the view holds: a traversable link or a type between IRIs. */
    static boolean relevant(Triple t) {
        if (!t.getSubject().isURI() || !t.getObject().isURI()) {
            return false;
        }
        return t.getPredicate().equals(TYPE)
                || TraversableLinks.traversable(t.getPredicate().getURI());
    }

    /** The relevant statements of some contributions, whatever their status. */
    Set<Triple> relevantStatements(Collection<String> contributions) {
        Set<Triple> statements = new HashSet<>();
        for (String contribution : contributions) {
            store.assertions(contribution).find().forEachRemaining(t -> {
                if (relevant(t)) {
                    statements.add(t);
                }
            });
        }
        return statements;
    }

    /** Those of the statements that accepted knowledge holds now. */
    Set<Triple> accepted(Collection<Triple> statements) {
        Set<Triple> present = new HashSet<>();
        forEachBatch(
                statements,
                batch -> store.query(withValues(PRESENT, List.of(S, P, O), rows(batch)), TIMEOUT, exec -> {
                    exec.select()
                            .forEachRemaining(row -> present.add(Triple.create(row.get(S), row.get(P), row.get(O))));
                    return null;
                }));
        return present;
    }

    /** The accepted contributions that assert each statement, oldest first. */
    Map<Triple, List<Provenance>> provenance(Collection<Triple> statements) {
        Map<Triple, List<Provenance>> result = new HashMap<>();
        ParameterizedSparqlString template = new ParameterizedSparqlString(PROVENANCE);
        template.setIri("provenance", KnowledgeStore.PROVENANCE_GRAPH);
        String text = template.toString();
        forEachBatch(
                statements,
                batch -> store.query(withValues(text, List.of(S, P, O), rows(batch)), TIMEOUT, exec -> {
                    exec.select().forEachRemaining(row -> {
                        Triple t = Triple.create(row.get(S), row.get(P), row.get(O));
                        List<Provenance> list = result.computeIfAbsent(t, x -> new ArrayList<>());
                        String graph = row.get("g").getURI();
                        if (list.stream().noneMatch(p -> p.contribution().equals(graph))) {
                            list.add(new Provenance(
                                    graph,
                                    localName(row.get("method").getURI()),
                                    row.get("agent").getLiteralLexicalForm(),
                                    Instant.parse(row.get("created").getLiteralLexicalForm()),
                                    "accepted"));
                        }
                    });
                    return null;
                }));
        result.values().forEach(list -> list.sort(TraceOrder.PROVENANCE));
        return result;
    }

    private static void forEachBatch(Collection<Triple> statements, Consumer<List<Triple>> action) {
        List<Triple> all = new ArrayList<>(statements);
        for (int from = 0; from < all.size(); from += BATCH) {
            action.accept(all.subList(from, Math.min(all.size(), from + BATCH)));
        }
    }

    private static List<Binding> rows(List<Triple> statements) {
        return statements.stream()
                .map(t -> Binding.builder()
                        .add(S, t.getSubject())
                        .add(P, t.getPredicate())
                        .add(O, t.getObject())
                        .build())
                .toList();
    }

    /** The query with a VALUES block as the first element of its pattern, so that it drives the joins. */
    static Query withValues(String text, List<Var> vars, List<Binding> rows) {
        Query query = parse(text);
        ElementGroup group = (ElementGroup) query.getQueryPattern();
        group.getElements().add(0, new ElementData(vars, rows));
        return query;
    }

    private static Query parse(String text) {
        return org.apache.jena.query.QueryFactory.create(text);
    }

    static String localName(String iri) {
        return iri.substring(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
    }
}
