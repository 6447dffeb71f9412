package org.physicsofai.atlas.web.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.ResourceFactory;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.springframework.stereotype.Service;

/** Reads accepted insights: the newest for the feed, or those about one node. */
@Service
public class InsightService {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String QUERY = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?i ?text ?about ?author ?created WHERE {
              ?i a atlas:Insight ; atlas:text ?text ; atlas:about ?about .
              %s
              OPTIONAL {
                GRAPH ?g { ?i atlas:text ?text }
                GRAPH ?provenance { ?g atlas:status atlas:accepted ; prov:generatedAtTime ?created ;
                                       prov:wasAttributedTo/skos:prefLabel ?author }
              }
            }
            ORDER BY DESC(?created) ?i""";
    private static final String RECENT = QUERY.formatted("");
    private static final String ABOUT = QUERY.formatted("?i atlas:about ?node .");

    private final KnowledgeStore store;
    private final MarkdownRenderer markdown;

    InsightService(KnowledgeStore store, MarkdownRenderer markdown) {
        this.store = store;
        this.markdown = markdown;
    }

    /** The newest insights, at most {@code limit}. */
    public List<Insight> recent(int limit) {
        return read(null, limit);
    }

    /** The insights about one node, newest first. */
    public List<Insight> about(String iri) {
        return read(iri, 100);
    }

    private List<Insight> read(String node, int limit) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(node == null ? RECENT : ABOUT);
        pss.setIri("provenance", KnowledgeStore.PROVENANCE_GRAPH);
        if (node != null) {
            pss.setParam("node", ResourceFactory.createResource(node));
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select().forEachRemaining(b -> {
                Node author = b.get("author");
                Node created = b.get("created");
                rows.computeIfAbsent(
                                b.get("i").getURI(),
                                iri -> new Row(
                                        iri,
                                        b.get("text").getLiteralLexicalForm(),
                                        author == null ? null : author.getLiteralLexicalForm(),
                                        created == null ? null : Instant.parse(created.getLiteralLexicalForm())))
                        .about()
                        .add(b.get("about").getURI());
            });
            return null;
        });
        return rows.values().stream()
                .limit(limit)
                .map(r -> new Insight(r.iri(), r.text(), markdown.render(r.text()), r.about(), r.author(), r.created()))
                .toList();
    }

    private record Row(String iri, String text, String author, Instant created, List<String> about) {
        Row(String iri, String text, String author, Instant created) {
            this(iri, text, author, created, new ArrayList<>());
        }
    }
}
