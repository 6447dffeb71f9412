package org.physicsofai.atlas.web.entity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.engine.binding.Binding;
import org.physicsofai.atlas.entity.LabelRule;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.trace.NodeLabels;
import org.springframework.stereotype.Component;

/**
 * What a phenomenon's page shows above its raw statements, in reading order: the claims and laws about
 * it by certainty (each by its statement, with its citations and evidence balance), the observables
 * that track it, where it is seen, the disputes among its claims, related phenomena, and its sources as
 * citations.
 */
@Component
public class PhenomenonSections {

    /** Places where the phenomenon is seen beyond this many are counted, not listed. */
    static final int MAX_SEEN = 24;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PREFIXES = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            """;
    private static final String CLAIMS = PREFIXES + """
            SELECT ?c ?certainty ?negated ?law WHERE {
              ?c atlas:about ?p ; a atlas:Claim .
              OPTIONAL { ?c atlas:certainty ?certainty }
              OPTIONAL { ?c atlas:negated ?negated }
              BIND (EXISTS { ?c a atlas:Law } AS ?law)
            }""";
    private static final String CLAIMS_LAWS = PREFIXES + """
            SELECT ?c ?certainty ?negated ?law WHERE {
              ?c atlas:about ?p ; a atlas:Law .
              OPTIONAL { ?c atlas:certainty ?certainty }
              OPTIONAL { ?c atlas:negated ?negated }
              BIND (true AS ?law)
            }""";
    private static final String CLAIM_SOURCES = PREFIXES + "SELECT ?c ?s WHERE { ?c atlas:about ?p ; atlas:source ?s }";
    private static final String BALANCE = PREFIXES + """
            SELECT ?c ?stance (COUNT(DISTINCT ?x) AS ?n) WHERE {
              VALUES ?stance { atlas:supports atlas:explains atlas:refines atlas:evidence atlas:qualifies atlas:disputes }
              ?c atlas:about ?p . ?x ?stance ?c .
            } GROUP BY ?c ?stance""";
    private static final String OBSERVABLES = PREFIXES + """
            SELECT ?o ?formula ?computation ?unit WHERE {
              ?o atlas:tracks ?p .
              OPTIONAL { ?o atlas:formula ?formula }
              OPTIONAL { ?o atlas:computation ?computation }
              OPTIONAL { ?o atlas:unit ?unit }
            }""";
    private static final String SEEN = PREFIXES + """
            SELECT DISTINCT ?x ?type WHERE {
              { ?x atlas:exhibits ?p } UNION { ?o atlas:indicates ?p ; atlas:run ?x }
              ?x a ?type .
              VALUES ?type { atlas:Experiment atlas:Run atlas:Model }
            }""";
    private static final String DISPUTES = PREFIXES + """
            SELECT DISTINCT ?a ?b WHERE {
              { ?a atlas:about ?p } UNION { ?b atlas:about ?p }
              ?a atlas:disputes ?b .
            }""";
    private static final String RELATED = PREFIXES + """
            SELECT DISTINCT ?r WHERE {
              { ?p atlas:partOf ?r } UNION { ?r atlas:partOf ?p }
              ?r a atlas:Phenomenon .
            }""";
    private static final String SOURCES = PREFIXES + """
            SELECT ?s ?p2 ?v WHERE {
              { ?p atlas:source ?s } UNION { ?c atlas:about ?p ; atlas:source ?s }
              VALUES ?p2 { dcterms:title atlas:authors dcterms:issued atlas:venue atlas:arxivId atlas:doi }
              ?s ?p2 ?v .
            }""";

    private static final String SOURCE = PREFIXES + """
            SELECT ?s ?p2 ?v WHERE {
              VALUES ?p2 { dcterms:title atlas:authors dcterms:issued atlas:venue atlas:arxivId atlas:doi }
              ?s a atlas:Source ; ?p2 ?v .
              FILTER (?s = ?p)
            }""";

    /** The certainties in order, strongest first; claims with none come last. */
    private static final List<String> CERTAINTIES =
            List.of(Atlas.NS + "established", Atlas.NS + "probable", Atlas.NS + "tentative", Atlas.NS + "speculative");

    private final KnowledgeStore store;
    private final NodeLabels labels;
    private final EntityLinks links;

    PhenomenonSections(KnowledgeStore store, NodeLabels labels, EntityLinks links) {
        this.store = store;
        this.labels = labels;
        this.links = links;
    }

    /** A node shown by name, linked to its page. */
    public record Named(String iri, String href, String label, String full, String kind) {}

    /** A source as a citation. */
    public record Citation(
            String iri,
            String href,
            String authors,
            String year,
            String title,
            String venue,
            String arxiv,
            String doi) {

        /** The first author's name, "et al." when there are more, and the year: how a claim cites it. */
        public String shortName() {
            String first = authors == null ? (title == null ? "" : title) : authors.split("[,;]| and ")[0].strip();
            boolean more = authors != null && authors.strip().length() > first.length();
            return first + (more ? " et al." : "") + (year == null ? "" : " " + year);
        }

        /** The arXiv abstract page, or {@code null}. */
        public String arxivUrl() {
            return arxiv == null ? null : "https://arxiv.org/abs/" + arxiv;
        }

        /** The DOI resolver's link, or {@code null}. */
        public String doiUrl() {
            return doi == null ? null : "https://doi.org/" + doi;
        }
    }

    /** A claim or law about the phenomenon. */
    public record ClaimItem(
            Named claim,
            boolean negated,
            boolean law,
            List<Citation> citations,
            int supporting,
            int qualifying,
            int disputing) {}

    /** Claims of one certainty. */
    public record ClaimGroup(String certainty, String label, List<ClaimItem> claims) {}

    /** An observable that tracks the phenomenon. */
    public record Tracker(Named observable, String formula, String unit) {}

    /** One claim disputing another. */
    public record Dispute(Named disputing, Named disputed) {}

    /** The sections, in reading order. */
    public record View(
            List<ClaimGroup> claims,
            List<Tracker> observables,
            List<Named> seenIn,
            int seenMore,
            List<Dispute> disputes,
            List<Named> related,
            List<Citation> sources) {

        public int claimCount() {
            return claims.stream().mapToInt(g -> g.claims().size()).sum();
        }
    }

    /** How well a text's language suits the reader: 0 their language, 1 English, 2 any other (lower is better). */
    private static int rank(String textLanguage, String language) {
        if (textLanguage == null) {
            return 2;
        }
        return textLanguage.equalsIgnoreCase(language) ? 0 : textLanguage.equalsIgnoreCase("en") ? 1 : 2;
    }

    /** The sections of the phenomenon's page for a reader of the language. */
    public View read(String phenomenon, String language) {
        Map<String, String[]> claimRows = new LinkedHashMap<>();
        Consumer<Binding> claim = row -> claimRows.merge(
                row.get("c").getURI(),
                new String[] {
                    row.contains("certainty") ? row.get("certainty").getURI() : null,
                    row.contains("negated") ? row.get("negated").getLiteralLexicalForm() : "false",
                    Boolean.toString(
                            row.contains("law") && "true".equals(row.get("law").getLiteralLexicalForm()))
                },
                (a, b) -> a[2].equals("true") ? a : b);
        select(CLAIMS, phenomenon, claim);
        select(CLAIMS_LAWS, phenomenon, claim);
        Map<String, List<String>> claimSources = new LinkedHashMap<>();
        select(
                CLAIM_SOURCES,
                phenomenon,
                row -> claimSources
                        .computeIfAbsent(row.get("c").getURI(), c -> new ArrayList<>())
                        .add(row.get("s").getURI()));
        Map<String, int[]> balance = new LinkedHashMap<>();
        select(BALANCE, phenomenon, row -> {
            int[] counts = balance.computeIfAbsent(row.get("c").getURI(), c -> new int[3]);
            String stance = row.get("stance").getURI().substring(Atlas.NS.length());
            int side = stance.equals("qualifies") ? 1 : stance.equals("disputes") ? 2 : 0;
            counts[side] += Integer.parseInt(row.get("n").getLiteralLexicalForm());
        });
        List<String[]> observableRows = new ArrayList<>();
        select(
                OBSERVABLES,
                phenomenon,
                row -> observableRows.add(new String[] {
                    row.get("o").getURI(),
                    row.contains("formula") ? row.get("formula").getLiteralLexicalForm() : null,
                    row.contains("computation") ? row.get("computation").getLiteralLexicalForm() : null,
                    row.contains("unit") && row.get("unit").isURI()
                            ? row.get("unit").getURI()
                            : null,
                    row.contains("computation") ? row.get("computation").getLiteralLanguage() : null
                }));
        // one row per observable: its computation in the reader's language, else in English, else any
        Map<String, String[]> byObservable = new LinkedHashMap<>();
        for (String[] r : observableRows) {
            byObservable.merge(
                    r[0], r, (kept, other) -> rank(other[4], language) < rank(kept[4], language) ? other : kept);
        }
        observableRows.clear();
        observableRows.addAll(byObservable.values());
        Map<String, String> seen = new LinkedHashMap<>();
        select(
                SEEN,
                phenomenon,
                row -> seen.putIfAbsent(
                        row.get("x").getURI(), row.get("type").getURI().substring(Atlas.NS.length())));
        List<String[]> disputeRows = new ArrayList<>();
        select(
                DISPUTES,
                phenomenon,
                row -> disputeRows.add(
                        new String[] {row.get("a").getURI(), row.get("b").getURI()}));
        List<String> related = new ArrayList<>();
        select(RELATED, phenomenon, row -> related.add(row.get("r").getURI()));
        Map<String, Map<String, String>> sourceFields = new LinkedHashMap<>();
        select(SOURCES, phenomenon, row -> {
            Node value = row.get("v");
            if (value.isLiteral()) {
                sourceFields
                        .computeIfAbsent(row.get("s").getURI(), s -> new LinkedHashMap<>())
                        .putIfAbsent(row.get("p2").getURI(), value.getLiteralLexicalForm());
            }
        });

        Set<String> named = new LinkedHashSet<>(claimRows.keySet());
        claimRows.values().forEach(r -> {
            if (r[0] != null) {
                named.add(r[0]);
            }
        });
        observableRows.forEach(r -> {
            named.add(r[0]);
            if (r[3] != null) {
                named.add(r[3]);
            }
        });
        named.addAll(seen.keySet());
        disputeRows.forEach(r -> named.addAll(List.of(r)));
        named.addAll(related);
        Map<String, LabelRule.Label> names = labels.full(named, language);

        Map<String, Citation> citations = new LinkedHashMap<>();
        sourceFields.forEach((iri, fields) -> citations.put(iri, citation(iri, fields)));
        List<Citation> sources =
                citations.values().stream().sorted(NEWEST_FIRST).toList();

        Map<String, List<ClaimItem>> byCertainty = new LinkedHashMap<>();
        CERTAINTIES.forEach(c -> byCertainty.put(c, new ArrayList<>()));
        byCertainty.put("", new ArrayList<>());
        claimRows.forEach((iri, r) -> {
            int[] counts = balance.getOrDefault(iri, new int[3]);
            List<Citation> cited = claimSources.getOrDefault(iri, List.of()).stream()
                    .distinct()
                    .map(citations::get)
                    .filter(c -> c != null)
                    .toList();
            byCertainty
                    .computeIfAbsent(r[0] == null ? "" : r[0], c -> new ArrayList<>())
                    .add(new ClaimItem(
                            named(iri, names, r[2].equals("true") ? "Law" : "Claim"),
                            "true".equalsIgnoreCase(r[1]),
                            r[2].equals("true"),
                            cited,
                            counts[0],
                            counts[1],
                            counts[2]));
        });
        List<ClaimGroup> groups = new ArrayList<>();
        byCertainty.forEach((certainty, items) -> {
            if (!items.isEmpty()) {
                items.sort(Comparator.comparing((ClaimItem i) -> !i.law())
                        .thenComparing(i -> -(i.supporting() - i.disputing()))
                        .thenComparing(i -> i.claim().label()));
                groups.add(new ClaimGroup(
                        certainty.isEmpty() ? null : certainty.substring(Atlas.NS.length()),
                        certainty.isEmpty() ? null : names.get(certainty).text(),
                        items));
            }
        });

        Set<String> trackers = new HashSet<>();
        List<Tracker> observables = new ArrayList<>();
        for (String[] r : observableRows) {
            if (trackers.add(r[0])) {
                observables.add(new Tracker(
                        named(r[0], names, "Observable"),
                        r[1] != null ? r[1] : r[2],
                        r[3] == null ? null : names.get(r[3]).text()));
            }
        }
        observables.sort(Comparator.comparing(t -> t.observable().label()));
        List<Named> places = seen.entrySet().stream()
                .map(e -> named(e.getKey(), names, e.getValue()))
                .sorted(Comparator.comparing((Named n) ->
                                List.of("Experiment", "Model", "Run").indexOf(n.kind()))
                        .thenComparing(Named::label))
                .toList();
        return new View(
                groups,
                observables,
                places.subList(0, Math.min(MAX_SEEN, places.size())),
                Math.max(0, places.size() - MAX_SEEN),
                disputeRows.stream()
                        .map(r -> new Dispute(named(r[0], names, "Claim"), named(r[1], names, "Claim")))
                        .toList(),
                related.stream()
                        .distinct()
                        .map(r -> named(r, names, "Phenomenon"))
                        .sorted(Comparator.comparing(Named::label))
                        .toList(),
                sources);
    }

    /**
     * The sources a node stands for as citations: a source itself, or a phenomenon's reading list (its
     * own sources and those of the claims about it), newest first.
     */
    public List<Citation> citations(String iri) {
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        Consumer<Binding> onRow = row -> {
            Node value = row.get("v");
            if (value.isLiteral()) {
                fields.computeIfAbsent(row.get("s").getURI(), x -> new LinkedHashMap<>())
                        .putIfAbsent(row.get("p2").getURI(), value.getLiteralLexicalForm());
            }
        };
        select(SOURCE, iri, onRow);
        if (fields.isEmpty()) {
            select(SOURCES, iri, onRow);
        }
        return fields.entrySet().stream()
                .map(e -> citation(e.getKey(), e.getValue()))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    private static final Comparator<Citation> NEWEST_FIRST = Comparator.comparing(
                    (Citation c) -> c.year() == null ? "" : c.year())
            .reversed()
            .thenComparing(c -> c.title() == null ? "" : c.title());

    private Named named(String iri, Map<String, LabelRule.Label> names, String kind) {
        LabelRule.Label label = names.get(iri);
        return new Named(iri, links.href(iri), label.text(), label.full(), kind);
    }

    private Citation citation(String iri, Map<String, String> fields) {
        String issued = fields.get("http://purl.org/dc/terms/issued");
        return new Citation(
                iri,
                links.href(iri),
                fields.get(Atlas.authors.getURI()),
                issued == null ? null : issued.substring(0, Math.min(4, issued.length())),
                fields.get("http://purl.org/dc/terms/title"),
                fields.get(Atlas.venue.getURI()),
                fields.get(Atlas.arxivId.getURI()),
                fields.get(Atlas.doi.getURI()));
    }

    private void select(String query, String phenomenon, Consumer<Binding> onRow) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(query);
        pss.setIri("p", phenomenon);
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select().forEachRemaining(onRow);
            return null;
        });
    }
}
