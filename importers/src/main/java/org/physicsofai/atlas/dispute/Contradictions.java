package org.physicsofai.atlas.dispute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * Finds contradictions in accepted knowledge. Flags are derived from what is stored each time they are
 * read, so they follow the knowledge (a superseded check or a retracted claim takes its flag with it) and
 * survive a restart; a curator's explanation is stored as an accepted {@code atlas:Contradiction} node
 * ({@code {base}contradiction/{flag id}}) with both parties ({@code atlas:about}) and the note ({@code
 * atlas:explanation}), which marks the flag explained.
 *
 * <ul>
 *   <li><b>Law check</b>: an accepted law check disputes ({@code atlas:disputes}, verdict inconsistent) an
 *       accepted law. A check uses only the runs inside the law's machine-readable regime conditions, and
 *       one with no run inside is "not testable" and disputes nothing; the rest of a stated regime is free
 *       text, so every disputing check is flagged, with the runs it left out, for the curator to judge.
 *   <li><b>Detector</b>: a detector's current phase label for a run indicates a learning phase other than
 *       the one the run is stated to exhibit ({@code atlas:exhibits}) by a source: the four phases of Liu
 *       et al. (2022) exclude one another.
 *   <li><b>Claims</b>: an accepted claim or law disputes another accepted one ({@code atlas:disputes}) and
 *       their regimes overlap: they are about a common phenomenon, or one states none.
 * </ul>
 */
public final class Contradictions {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PHEN = AtlasOntology.ID_BASE + "phenomenon/";
    private static final List<String> PHASES =
            List.of(PHEN + "comprehension", PHEN + "grokking", PHEN + "memorization", PHEN + "confusion");
    private static final String PREFIXES = "PREFIX atlas: <" + Atlas.NS + ">\n"
            + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";

    private final KnowledgeStore store;
    private final String baseIri;

    public Contradictions(KnowledgeStore store, String baseIri) {
        this.store = Objects.requireNonNull(store, "store");
        this.baseIri = Objects.requireNonNull(baseIri, "baseIri");
    }

    public enum Kind {
        LAW_CHECK,
        DETECTOR,
        CLAIMS;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One flag.
     *
     * @param id a stable identifier (a digest of the kind and the parties)
     * @param disputing the law check, detector observation or claim that disputes
     * @param disputed the claim or law (or, for a detector, the run's stated phenomenon) it disputes
     * @param subject the run or experiment the data came from, or null for two claims
     * @param detail what disagrees, in one line
     * @param explanation the curator's note, or null while the flag is open
     */
    public record Flag(
            String id,
            Kind kind,
            String disputing,
            String disputingLabel,
            String disputed,
            String disputedLabel,
            String subject,
            String detail,
            String explanation) {

        public boolean explained() {
            return explanation != null;
        }
    }

    /** The IRI of the node that records a flag's explanation. */
    public String contradictionIri(String id) {
        return baseIri + "contradiction/" + id;
    }

    /** Every flag, open ones first, then by kind and parties. */
    public List<Flag> flags(String language) {
        Map<String, Flag> flags = new LinkedHashMap<>();
        select(
                PREFIXES + "SELECT ?check ?law ?exp ?verdict ?r2 ?lawL ?lawA ?checkL ?checkA ?regime ?outside WHERE {"
                        + " ?check a atlas:LawCheck ; atlas:disputes ?law . ?law a atlas:Law ."
                        + " OPTIONAL { ?check atlas:run ?exp } OPTIONAL { ?check atlas:rSquared ?r2 }"
                        + " OPTIONAL { SELECT ?check (COUNT(DISTINCT ?out) AS ?outside)"
                        + " WHERE { ?check atlas:outsideRegime ?out } GROUP BY ?check }"
                        + " OPTIONAL { ?law atlas:regime ?regime FILTER(langMatches(lang(?regime), ?lang)) }"
                        + label("law") + label("check") + " }",
                language,
                row -> {
                    String check = row.get("check").getURI();
                    String law = row.get("law").getURI();
                    Node regime = row.get("regime");
                    add(
                            flags,
                            new Flag(
                                    id(Kind.LAW_CHECK, check, law),
                                    Kind.LAW_CHECK,
                                    check,
                                    label(row, "check", check),
                                    law,
                                    label(row, "law", law),
                                    row.get("exp") == null
                                            ? null
                                            : row.get("exp").getURI(),
                                    say(language, "check")
                                            + (row.get("r2") == null ? "" : say(language, "r2", lexical(row.get("r2"))))
                                            + (regime == null
                                                    ? ""
                                                    : say(language, "regime", regime.getLiteralLexicalForm()))
                                            + (row.get("outside") == null
                                                            || row.get("outside")
                                                                    .getLiteralLexicalForm()
                                                                    .equals("0")
                                                    ? ""
                                                    : say(
                                                            language,
                                                            "outside",
                                                            row.get("outside").getLiteralLexicalForm())),
                                    null));
                });
        ParameterizedSparqlString detector = new ParameterizedSparqlString(PREFIXES
                + "SELECT ?o ?run ?found ?stated ?det ?runL ?runA ?foundL ?foundA ?statedL ?statedA ?detL ?detA WHERE {"
                + " ?o atlas:run ?run ; atlas:detectedBy ?det ; atlas:indicates ?found ."
                + " ?run atlas:exhibits ?stated ."
                + " FILTER (?found IN (?p1, ?p2, ?p3, ?p4) && ?stated IN (?p1, ?p2, ?p3, ?p4) && ?found != ?stated)"
                + label("run") + label("found") + label("stated") + label("det") + " }");
        for (int i = 0; i < 4; i++) {
            detector.setIri("p" + (i + 1), PHASES.get(i));
        }
        select(detector, language, row -> {
            String o = row.get("o").getURI();
            String stated = row.get("stated").getURI();
            String run = row.get("run").getURI();
            add(
                    flags,
                    new Flag(
                            id(Kind.DETECTOR, o, stated),
                            Kind.DETECTOR,
                            o,
                            label(row, "found", row.get("found").getURI()) + " (" + label(row, "run", run) + ")",
                            stated,
                            label(row, "stated", stated),
                            run,
                            say(
                                    language,
                                    "detector",
                                    label(row, "det", row.get("det").getURI()),
                                    label(row, "found", row.get("found").getURI()),
                                    label(row, "stated", stated)),
                            null));
        });
        select(
                PREFIXES + "SELECT ?a ?b ?aL ?aA ?bL ?bA (SAMPLE(?shared) AS ?topic) WHERE {"
                        + " ?a atlas:disputes ?b . ?a a ?ta . ?b a ?tb ."
                        + " FILTER (?ta IN (atlas:Claim, atlas:Law) && ?tb IN (atlas:Claim, atlas:Law))"
                        + " FILTER NOT EXISTS { ?a a atlas:LawCheck }"
                        + " OPTIONAL { ?a atlas:about ?shared . ?b atlas:about ?shared }"
                        + " FILTER (BOUND(?shared) || NOT EXISTS { ?a atlas:about ?x } || NOT EXISTS { ?b atlas:about ?y })"
                        + label("a") + label("b") + " } GROUP BY ?a ?b ?aL ?aA ?bL ?bA",
                language,
                row -> {
                    String a = row.get("a").getURI();
                    String b = row.get("b").getURI();
                    Node topic = row.get("topic");
                    add(
                            flags,
                            new Flag(
                                    id(Kind.CLAIMS, a, b),
                                    Kind.CLAIMS,
                                    a,
                                    label(row, "a", a),
                                    b,
                                    label(row, "b", b),
                                    null,
                                    say(language, "claims")
                                            + (topic == null
                                                    ? ""
                                                    : say(language, "about", labelOf(topic.getURI(), language))),
                                    null));
                });
        Map<String, String> explanations = new LinkedHashMap<>();
        ParameterizedSparqlString explained = new ParameterizedSparqlString(PREFIXES
                + "SELECT ?c ?note WHERE { ?c a atlas:Contradiction ; atlas:explanation ?note ."
                + " FILTER (STRSTARTS(STR(?c), ?prefix)) } ORDER BY ?c ?note");
        explained.setLiteral("prefix", baseIri + "contradiction/");
        select(
                explained,
                language,
                row -> explanations.putIfAbsent(
                        row.get("c").getURI().substring((baseIri + "contradiction/").length()),
                        row.get("note").getLiteralLexicalForm()));
        List<Flag> out = new ArrayList<>();
        flags.values()
                .forEach(f -> out.add(new Flag(
                        f.id(),
                        f.kind(),
                        f.disputing(),
                        f.disputingLabel(),
                        f.disputed(),
                        f.disputedLabel(),
                        f.subject(),
                        f.detail(),
                        explanations.get(f.id()))));
        out.sort(Comparator.comparing(Flag::explained)
                .thenComparing(Flag::kind)
                .thenComparing(Flag::disputingLabel)
                .thenComparing(Flag::disputedLabel));
        return List.copyOf(out);
    }

    public Optional<Flag> flag(String id, String language) {
        return flags(language).stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The statements that mark a flag explained, for a curator's contribution. */
    public Graph explanation(Flag flag, String note, String language) {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("The explanation (field note) must not be empty.");
        }
        if (note.length() > 5000) {
            throw new IllegalArgumentException("The explanation (field note) is longer than 5000 characters.");
        }
        Graph g = GraphFactory.createDefaultGraph();
        Node c = NodeFactory.createURI(contradictionIri(flag.id()));
        g.add(c, RDF.type.asNode(), Atlas.Contradiction.asNode());
        g.add(
                c,
                SKOS.prefLabel.asNode(),
                NodeFactory.createLiteralLang(
                        "Contradiction: " + flag.disputingLabel() + " / " + flag.disputedLabel(), "en"));
        g.add(c, Atlas.about.asNode(), NodeFactory.createURI(flag.disputing()));
        g.add(c, Atlas.about.asNode(), NodeFactory.createURI(flag.disputed()));
        g.add(c, Atlas.explanation.asNode(), NodeFactory.createLiteralLang(note.strip(), language));
        return g;
    }

    private static void add(Map<String, Flag> flags, Flag flag) {
        flags.putIfAbsent(flag.id(), flag);
    }

    static String id(Kind kind, String a, String b) {
        return kind.key() + "-" + Slugs.digest(kind.key() + "\n" + a + "\n" + b, 16);
    }

    private static String label(String var) {
        return " OPTIONAL { ?" + var + " skos:prefLabel ?" + var + "L FILTER(langMatches(lang(?" + var + "L), ?lang)) }"
                + " OPTIONAL { ?" + var + " skos:prefLabel|rdfs:label ?" + var + "A }";
    }

    private static String label(Binding row, String var, String iri) {
        Node l = row.get(var + "L");
        if (l == null) {
            l = row.get(var + "A");
        }
        return l == null ? iri.substring(iri.lastIndexOf('/') + 1) : l.getLiteralLexicalForm();
    }

    /** The words of the flags' details, by language ({@code en} for any other). */
    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en",
            Map.of(
                    "check", "the law check is inconsistent with the law",
                    "r2", " (R^2 (log) %s)",
                    "regime", "; the law's stated regime: %s",
                    "outside", "; %s runs outside the regime were left out and neither support nor dispute the law",
                    "detector", "the detector %s labels the run %s; the run is stated to exhibit %s",
                    "claims", "two accepted claims disagree",
                    "about", " about %s"),
            "zh",
            Map.of(
                    "check", "该定律检验与定律不符",
                    "r2", "（对数 R² %s）",
                    "regime", "；定律声明的适用范围：%s",
                    "outside", "；适用范围之外的 %s 个运行被排除在外，既不支持也不反驳该定律",
                    "detector", "检测器“%s”将该运行判为“%s”；而该运行被声明呈现“%s”",
                    "claims", "两条已接受的断言相互矛盾",
                    "about", "（关于“%s”）"));

    private static String say(String language, String key, Object... arguments) {
        String words = WORDS.getOrDefault(language, WORDS.get("en")).get(key);
        return arguments.length == 0 ? words : String.format(Locale.ROOT, words, arguments);
    }

    /** A node's label in the language (else any label, else the end of its IRI). */
    private String labelOf(String iri, String language) {
        ParameterizedSparqlString pss =
                new ParameterizedSparqlString(PREFIXES + "SELECT ?tL ?tA WHERE {" + label("t") + " } LIMIT 1");
        pss.setIri("t", iri);
        String[] found = {iri.substring(iri.lastIndexOf('/') + 1)};
        select(pss, language, row -> found[0] = label(row, "t", iri));
        return found[0];
    }

    private static String lexical(Node n) {
        try {
            return String.format(Locale.ROOT, "%.3g", Double.parseDouble(n.getLiteralLexicalForm()));
        } catch (NumberFormatException e) {
            return n.getLiteralLexicalForm();
        }
    }

    private void select(String query, String language, java.util.function.Consumer<Binding> each) {
        select(new ParameterizedSparqlString(query), language, each);
    }

    private void select(ParameterizedSparqlString pss, String language, java.util.function.Consumer<Binding> each) {
        pss.setLiteral("lang", language);
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select().forEachRemaining(each);
            return null;
        });
    }
}
