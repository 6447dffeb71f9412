package org.physicsofai.atlas.web.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.engine.binding.Binding;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.springframework.stereotype.Component;

/** Sweeps in accepted knowledge, as pages and JSON show them: cells with settings, phases, the lock and the score. */
@Component
public class SweepViews {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PREFIXES = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            """;
    private static final String LABEL = """
            OPTIONAL { ?%1$s skos:prefLabel ?%1$sL1 FILTER (lang(?%1$sL1) = ?lang) }
            OPTIONAL { ?%1$s skos:prefLabel ?%1$sL2 FILTER (lang(?%1$sL2) = "en") }
            BIND (COALESCE(?%1$sL1, ?%1$sL2, STR(?%1$s)) AS ?%1$sLabel)
            """;

    private final KnowledgeStore store;

    SweepViews(KnowledgeStore store) {
        this.store = store;
    }

    public record Sweep(
            String iri,
            String label,
            String experiment,
            String experimentLabel,
            String phenomenon,
            String phenomenonLabel,
            Prediction prediction,
            Score score,
            List<Cell> cells) {}

    public record Cell(
            String iri,
            String label,
            String run,
            String runLabel,
            String phase,
            String phaseLabel,
            String expected,
            String expectedLabel,
            String started) {

        /** Whether the detected phase is the expected one ({@code null} when nothing was expected or detected). */
        public Boolean agrees() {
            return expected == null || phase == null ? null : expected.equals(phase);
        }
    }

    public record Prediction(
            String iri,
            String label,
            String statement,
            String author,
            String lockedAt,
            String hash,
            boolean preregistered) {}

    public record Score(String iri, String label, double agreement, boolean supports, String comment) {}

    /** Every sweep, newest lock first. */
    public List<Sweep> sweeps(String language) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(
                PREFIXES + """
                SELECT ?sweep ?sweepLabel ?exp ?expLabel ?phen ?phenLabel WHERE {
                  ?sweep a atlas:Sweep ; atlas:sweepOf ?exp .
                  OPTIONAL { ?sweep atlas:studies ?phen . %s }
                  %s %s
                } ORDER BY ?sweep""".formatted(LABEL.formatted("phen"), LABEL.formatted("sweep"), LABEL.formatted("exp")));
        pss.setLiteral("lang", language);
        List<Sweep> sweeps = new ArrayList<>();
        for (Binding row : select(pss)) {
            String sweep = row.get("sweep").getURI();
            sweeps.add(new Sweep(
                    sweep,
                    text(row, "sweepLabel"),
                    row.get("exp").getURI(),
                    text(row, "expLabel"),
                    row.get("phen") == null ? null : row.get("phen").getURI(),
                    text(row, "phenLabel"),
                    prediction(sweep, language),
                    score(sweep, language),
                    cells(sweep, language)));
        }
        return sweeps;
    }

    private List<Cell> cells(String sweep, String language) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(PREFIXES
                + """
                SELECT ?cell ?cellLabel ?run ?runLabel ?phase ?phaseLabel ?expected ?expectedLabel ?started WHERE {
                  ?cell atlas:inSweep ?sweep . %s
                  OPTIONAL { ?cell prov:startedAtTime ?started }
                  OPTIONAL { ?cell atlas:producedRun ?run . %s
                    OPTIONAL { ?o atlas:run ?run ; atlas:observable ?phaseObservable ; atlas:indicates ?phase . %s } }
                  OPTIONAL { ?p atlas:predictionFor ?sweep ; atlas:expects ?e . ?e atlas:cell ?cell ; atlas:expectedPhase ?expected . %s }
                } ORDER BY ?cell""".formatted(
                                LABEL.formatted("cell"),
                                LABEL.formatted("run"),
                                LABEL.formatted("phase"),
                                LABEL.formatted("expected")));
        pss.setIri("sweep", sweep);
        pss.setIri("phaseObservable", "https://w3id.org/physics-of-ai/id/observable/learning-phase-label");
        pss.setLiteral("lang", language);
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (Binding row : select(pss)) {
            String cell = row.get("cell").getURI();
            cells.putIfAbsent(
                    cell,
                    new Cell(
                            cell,
                            text(row, "cellLabel"),
                            iri(row, "run"),
                            text(row, "runLabel"),
                            iri(row, "phase"),
                            text(row, "phaseLabel"),
                            iri(row, "expected"),
                            text(row, "expectedLabel"),
                            text(row, "started")));
        }
        return List.copyOf(cells.values());
    }

    private Prediction prediction(String sweep, String language) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(PREFIXES + """
                SELECT ?p ?pLabel ?statement ?author ?at ?hash ?pre WHERE {
                  ?p atlas:predictionFor ?sweep ; atlas:statement ?statement ; atlas:lockedBy ?author ;
                     atlas:lockedAt ?at ; atlas:lockHash ?hash ; atlas:preregistered ?pre . %s
                } ORDER BY ?at LIMIT 1""".formatted(LABEL.formatted("p")));
        pss.setIri("sweep", sweep);
        pss.setLiteral("lang", language);
        List<Binding> rows = select(pss);
        if (rows.isEmpty()) {
            return null;
        }
        Binding row = rows.get(0);
        return new Prediction(
                row.get("p").getURI(),
                text(row, "pLabel"),
                text(row, "statement"),
                text(row, "author"),
                text(row, "at"),
                text(row, "hash"),
                Boolean.parseBoolean(text(row, "pre")));
    }

    private Score score(String sweep, String language) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(PREFIXES + """
                SELECT ?s ?sLabel ?agreement ?supports ?comment WHERE {
                  ?p atlas:predictionFor ?sweep . ?s atlas:scores ?p ; atlas:agreement ?agreement . %s
                  BIND (EXISTS { ?s atlas:supports ?p } AS ?supports)
                  OPTIONAL { ?s rdfs:comment ?c1 FILTER (lang(?c1) = ?lang) }
                  OPTIONAL { ?s rdfs:comment ?c2 FILTER (lang(?c2) = "en") }
                  BIND (COALESCE(?c1, ?c2) AS ?comment)
                } LIMIT 1""".formatted(LABEL.formatted("s")));
        pss.setIri("sweep", sweep);
        pss.setLiteral("lang", language);
        List<Binding> rows = select(pss);
        if (rows.isEmpty()) {
            return null;
        }
        Binding row = rows.get(0);
        return new Score(
                row.get("s").getURI(),
                text(row, "sLabel"),
                Double.parseDouble(text(row, "agreement")),
                Boolean.parseBoolean(text(row, "supports")),
                text(row, "comment"));
    }

    private List<Binding> select(ParameterizedSparqlString pss) {
        return store.query(
                pss.asQuery(),
                TIMEOUT,
                exec -> exec.select().materialize().stream().toList());
    }

    private static String text(Binding row, String var) {
        var node = row.get(var);
        if (node == null) {
            return null;
        }
        return node.isLiteral() ? node.getLiteralLexicalForm() : node.toString();
    }

    private static String iri(Binding row, String var) {
        var node = row.get(var);
        return node == null || !node.isURI() ? null : node.getURI();
    }
}
