package org.physicsofai.atlas.sweep;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.contribution.ValidationException;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContentHash;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.sweep.SweepJournal.CellRecord;
import org.physicsofai.atlas.sweep.SweepSpec.Cell;

/** The statements a sweep contributes: its declaration, the locked prediction, each cell's placement, the score. */
final class SweepGraphs {

    static final String TOOL = "atlas sweep 1.0.0";
    static final String SCORER = "atlas prediction scorer 1.0.0";
    private static final String PROV = "http://www.w3.org/ns/prov#";

    private final KnowledgeStore store;
    private final ContributionService contributions;
    private final String base;
    private final AgentRef agent;

    SweepGraphs(KnowledgeStore store, ContributionService contributions, String base, AgentRef agent) {
        this.store = store;
        this.contributions = contributions;
        this.base = base;
        this.agent = agent;
    }

    /**
     * What the store holds of a sweep before its runs.
     *
     * @param prediction the prediction's IRI, or {@code null} if the sweep has none
     */
    record Declared(
            String experiment,
            String sweep,
            String prediction,
            String lockHash,
            Instant lockedAt,
            boolean preregistered) {}

    String experiment(SweepSpec spec) {
        return base + "experiment/sweep-" + spec.id();
    }

    String sweep(SweepSpec spec) {
        return base + "sweep/" + spec.id();
    }

    String cell(SweepSpec spec, Cell cell) {
        return base + "sweep-cell/" + spec.id() + "--" + Slugs.segment(cell.key());
    }

    String prediction(SweepSpec spec) {
        return base + "claim/sweep-" + spec.id() + "-prediction";
    }

    static String variable(String slug) {
        return AtlasOntology.ID_BASE + "variable/" + slug;
    }

    static String phenomenon(String slug) {
        return AtlasOntology.ID_BASE + "phenomenon/" + slug;
    }

    /** Refuses a specification naming a variable or phenomenon the Atlas does not hold. */
    void checkReferences(SweepSpec spec) {
        for (int i = 0; i < spec.variables().size(); i++) {
            String slug = spec.variables().get(i).variable();
            if (slug != null && !typed(variable(slug), Atlas.Variable.getURI())) {
                throw new SweepSpecException(spec.id() + ": variables[" + (i + 1) + "].variable: the Atlas holds no"
                        + " variable '" + slug + "' (see /list?type=Variable)");
            }
        }
        if (spec.phenomenon() != null && !typed(phenomenon(spec.phenomenon()), Atlas.Phenomenon.getURI())) {
            throw new SweepSpecException(
                    spec.id() + ": phenomenon: the Atlas holds no phenomenon '" + spec.phenomenon() + "'");
        }
    }

    private boolean typed(String iri, String type) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("ASK { ?s a ?type }");
        pss.setIri("s", iri);
        pss.setIri("type", type);
        return store.query(pss.asQuery(), SweepRunner.QUERY_TIMEOUT, exec -> exec.ask());
    }

    /**
     * The specification to go on with, given the stored one and the one the operator gives now: only a
     * prediction may be added; a locked prediction and everything else stay as they were.
     */
    static SweepSpec sameSweep(SweepSpec stored, SweepSpec changed) {
        String id = stored.id();
        check(id, "title", stored.title(), changed.title());
        check(id, "experiment", stored.experiment(), changed.experiment());
        check(id, "phenomenon", stored.phenomenon(), changed.phenomenon());
        check(id, "variables", stored.variables(), changed.variables());
        check(id, "seeds", stored.seeds(), changed.seeds());
        check(id, "command", stored.command(), changed.command());
        check(id, "output", stored.output(), changed.output());
        check(id, "budget", stored.budget(), changed.budget());
        check(id, "parallelism", stored.parallelism(), changed.parallelism());
        if (stored.prediction() != null) {
            if (!stored.prediction().equals(changed.prediction())) {
                throw new SweepSpecException(id + ": prediction: the prediction was locked before the sweep's runs"
                        + " and cannot change (a second lock or an edit is refused)");
            }
            return stored;
        }
        if (changed.prediction() == null) {
            return stored;
        }
        return new SweepSpec(
                stored.id(),
                stored.title(),
                stored.experiment(),
                stored.phenomenon(),
                stored.variables(),
                stored.seeds(),
                stored.command(),
                stored.directory(),
                stored.output(),
                stored.budget(),
                stored.parallelism(),
                changed.prediction(),
                changed.text());
    }

    private static void check(String id, String field, Object stored, Object changed) {
        if (!Objects.equals(stored, changed)) {
            throw new SweepSpecException(id + ": " + field + ": differs from the sweep as it was started; only a"
                    + " prediction may be added to a started sweep (start a new sweep with another id instead)");
        }
    }

    /** The content the lock's hash covers: author, statement, minimum agreement and each cell's expected phase. */
    static String lockHash(SweepSpec spec) {
        StringBuilder text = new StringBuilder();
        text.append(spec.prediction().author()).append('\n');
        text.append(spec.prediction().statement()).append('\n');
        text.append(spec.prediction().minimumAgreement()).append('\n');
        for (Cell cell : spec.cells()) {
            String phase = spec.expectedPhase(cell);
            if (phase != null) {
                text.append(cell.key()).append('=').append(phase).append('\n');
            }
        }
        return ContentHash.ofBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores the sweep (experiment, sweep, cells) if the journal does not record it yet, and locks the
     * prediction if the store holds none for the sweep; refuses a prediction other than the locked one.
     */
    Declared declare(SweepSpec spec, boolean runsStarted, SweepJournal journal) {
        if (journal.first("declared") == null) {
            checkReferences(spec);
            submit(spec.id() + " (sweep)", declaration(spec), ContributionMethod.MANUAL, TOOL);
            journal.append("declared", Map.of("experiment", experiment(spec), "sweep", sweep(spec)));
        }
        Declared locked = storedPrediction(spec);
        if (locked != null) {
            if (spec.prediction() != null && !lockHash(spec).equals(locked.lockHash())) {
                throw new SweepSpecException(spec.id() + ": prediction: locked at " + locked.lockedAt() + " ("
                        + locked.lockHash() + "); a locked prediction cannot change, and a second lock is refused");
            }
            return locked;
        }
        if (spec.prediction() == null) {
            return new Declared(experiment(spec), sweep(spec), null, null, null, false);
        }
        Instant lockedAt = Instant.now();
        String hash = lockHash(spec);
        boolean preregistered = !runsStarted;
        submit(
                spec.id() + " (prediction)",
                predictionGraph(spec, hash, lockedAt, preregistered),
                ContributionMethod.MANUAL,
                TOOL);
        journal.append(
                "locked",
                Map.of(
                        "prediction", prediction(spec),
                        "hash", hash,
                        "author", spec.prediction().author(),
                        "lockedAt", lockedAt.toString(),
                        "preregistered", preregistered));
        return new Declared(experiment(spec), sweep(spec), prediction(spec), hash, lockedAt, preregistered);
    }

    private Declared storedPrediction(SweepSpec spec) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT ?hash ?at ?pre WHERE { ?p ?for ?sweep ; ?lockHash ?hash ; ?lockedAt ?at ; ?preregistered ?pre }
                ORDER BY ?at LIMIT 1""");
        pss.setIri("for", Atlas.predictionFor.getURI());
        pss.setIri("sweep", sweep(spec));
        pss.setIri("lockHash", Atlas.lockHash.getURI());
        pss.setIri("lockedAt", Atlas.lockedAt.getURI());
        pss.setIri("preregistered", Atlas.preregistered.getURI());
        return store.query(pss.asQuery(), SweepRunner.QUERY_TIMEOUT, exec -> {
            RowSet rows = exec.select();
            if (!rows.hasNext()) {
                return null;
            }
            var row = rows.next();
            return new Declared(
                    experiment(spec),
                    sweep(spec),
                    prediction(spec),
                    row.get("hash").getLiteralLexicalForm(),
                    Instant.parse(row.get("at").getLiteralLexicalForm()),
                    Boolean.parseBoolean(row.get("pre").getLiteralLexicalForm()));
        });
    }

    private void submit(String what, Graph graph, ContributionMethod method, String tool) {
        try {
            contributions.submit(what, new NewContribution(graph, method, agent, null, null, tool, List.of(), true));
        } catch (ValidationException e) {
            throw new IllegalStateException("The sweep " + what + " made statements that do not conform: " + e, e);
        }
    }

    private Graph declaration(SweepSpec spec) {
        Graph g = GraphFactory.createDefaultGraph();
        Node exp = uri(experiment(spec));
        Node sweep = uri(sweep(spec));
        g.add(exp, RDF.type.asNode(), Atlas.Experiment.asNode());
        g.add(exp, SKOS.prefLabel.asNode(), lang(spec.experiment(), "en"));
        g.add(exp, SKOS.prefLabel.asNode(), lang("参数扫描实验 " + spec.id(), "zh"));
        g.add(exp, SKOS.definition.asNode(), lang("The runs of the sweep '" + spec.title() + "', one per cell.", "en"));
        for (SweepSpec.Variable v : spec.variables()) {
            if (v.variable() != null) {
                g.add(exp, Atlas.varies.asNode(), uri(variable(v.variable())));
            }
        }
        g.add(sweep, RDF.type.asNode(), Atlas.Sweep.asNode());
        g.add(sweep, SKOS.prefLabel.asNode(), lang(spec.title(), "en"));
        g.add(sweep, SKOS.prefLabel.asNode(), lang("参数扫描 " + spec.id(), "zh"));
        g.add(sweep, Atlas.sweepOf.asNode(), exp);
        if (spec.phenomenon() != null) {
            g.add(sweep, Atlas.studies.asNode(), uri(phenomenon(spec.phenomenon())));
        }
        for (Cell cell : spec.cells()) {
            Node c = uri(cell(spec, cell));
            g.add(c, RDF.type.asNode(), Atlas.SweepCell.asNode());
            g.add(c, SKOS.prefLabel.asNode(), lang("Cell " + cell.label(), "en"));
            g.add(c, SKOS.prefLabel.asNode(), lang("格点 " + cell.label(), "zh"));
            g.add(c, Atlas.inSweep.asNode(), sweep);
            settings(g, c, base + "config/sweep-" + spec.id() + "--" + Slugs.segment(cell.key()), spec, cell);
        }
        return g;
    }

    private void settings(Graph g, Node subject, String prefix, SweepSpec spec, Cell cell) {
        for (SweepSpec.Variable v : spec.variables()) {
            Node s = uri(prefix + "--" + v.name());
            g.add(subject, Atlas.hasConfig.asNode(), s);
            g.add(s, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
            g.add(s, Atlas.configKey.asNode(), NodeFactory.createLiteralString(v.name()));
            g.add(s, Atlas.configValue.asNode(), number(cell.settings().get(v.name())));
            if (v.variable() != null) {
                g.add(s, Atlas.variable.asNode(), uri(variable(v.variable())));
            }
        }
        Node seed = uri(prefix + "--seed");
        g.add(subject, Atlas.hasConfig.asNode(), seed);
        g.add(seed, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
        g.add(seed, Atlas.configKey.asNode(), NodeFactory.createLiteralString("seed"));
        g.add(
                seed,
                Atlas.configValue.asNode(),
                NodeFactory.createLiteralDT(Long.toString(cell.seed()), XSDDatatype.XSDinteger));
        g.add(seed, Atlas.variable.asNode(), uri(variable("seed")));
    }

    private Graph predictionGraph(SweepSpec spec, String hash, Instant lockedAt, boolean preregistered) {
        Graph g = GraphFactory.createDefaultGraph();
        Node p = uri(prediction(spec));
        g.add(p, RDF.type.asNode(), Atlas.Claim.asNode());
        g.add(p, RDF.type.asNode(), Atlas.Prediction.asNode());
        g.add(p, SKOS.prefLabel.asNode(), lang("Prediction for the sweep " + spec.id(), "en"));
        g.add(p, SKOS.prefLabel.asNode(), lang("参数扫描 " + spec.id() + " 的预测", "zh"));
        g.add(p, Atlas.statement.asNode(), lang(spec.prediction().statement(), "en"));
        g.add(p, Atlas.certainty.asNode(), Atlas.tentative.asNode());
        g.add(p, Atlas.predictionFor.asNode(), uri(sweep(spec)));
        if (spec.phenomenon() != null) {
            g.add(p, Atlas.about.asNode(), uri(phenomenon(spec.phenomenon())));
        }
        g.add(p, Atlas.lockHash.asNode(), NodeFactory.createLiteralString(hash));
        g.add(
                p,
                Atlas.lockedBy.asNode(),
                NodeFactory.createLiteralString(spec.prediction().author()));
        g.add(p, Atlas.lockedAt.asNode(), NodeFactory.createLiteralDT(lockedAt.toString(), XSDDatatype.XSDdateTime));
        g.add(
                p,
                Atlas.preregistered.asNode(),
                NodeFactory.createLiteralDT(Boolean.toString(preregistered), XSDDatatype.XSDboolean));
        g.add(p, Atlas.minimumAgreement.asNode(), dbl(spec.prediction().minimumAgreement()));
        for (Cell cell : spec.cells()) {
            String phase = spec.expectedPhase(cell);
            if (phase == null) {
                continue;
            }
            Node e = uri(prediction(spec) + "--" + Slugs.segment(cell.key()));
            g.add(p, Atlas.expects.asNode(), e);
            g.add(e, RDF.type.asNode(), Atlas.PhaseExpectation.asNode());
            g.add(e, SKOS.prefLabel.asNode(), lang(phase + " expected at " + cell.label(), "en"));
            g.add(e, SKOS.prefLabel.asNode(), lang("预期 " + phase + "：" + cell.label(), "zh"));
            g.add(e, Atlas.cell.asNode(), uri(cell(spec, cell)));
            g.add(e, Atlas.expectedPhase.asNode(), uri(phenomenon(phase)));
        }
        return g;
    }

    /** Puts an imported run in its cell: the run's settings of the controlled variables, the cell's times. */
    void place(SweepSpec spec, Cell cell, String run, Instant started, Instant ended) {
        Graph g = GraphFactory.createDefaultGraph();
        Node c = uri(cell(spec, cell));
        Node r = uri(run);
        g.add(c, Atlas.producedRun.asNode(), r);
        if (started != null) {
            g.add(
                    c,
                    uri(PROV + "startedAtTime"),
                    NodeFactory.createLiteralDT(started.toString(), XSDDatatype.XSDdateTime));
        }
        if (ended != null) {
            g.add(c, uri(PROV + "endedAtTime"), NodeFactory.createLiteralDT(ended.toString(), XSDDatatype.XSDdateTime));
        }
        settings(g, r, base + "config/" + run.substring(run.lastIndexOf('/') + 1) + "--sweep", spec, cell);
        submit(spec.id() + " (" + cell.key() + ")", g, ContributionMethod.IMPORT, TOOL);
    }

    /**
     * Scores the prediction against the detected phases and stores the score as evidence supporting or
     * disputing it. The prediction counts as preregistered only if its lock precedes every run's start.
     */
    SweepRunner.Score score(SweepSpec spec, Declared declared, Map<String, CellRecord> cells, Map<String, Cell> byKey) {
        int agreeing = 0;
        int scored = 0;
        boolean lockFirst = declared.preregistered();
        Graph g = GraphFactory.createDefaultGraph();
        StringBuilder en = new StringBuilder();
        StringBuilder zh = new StringBuilder();
        List<Node[]> entries = new ArrayList<>();
        for (CellRecord r : cells.values()) {
            Cell cell = byKey.get(r.cell());
            if (r.started() != null && !declared.lockedAt().isBefore(r.started())) {
                lockFirst = false;
            }
            String expected = spec.expectedPhase(cell);
            if (expected == null) {
                continue;
            }
            scored++;
            String detected = r.phase();
            boolean agrees = expected.equals(detected);
            if (agrees) {
                agreeing++;
            }
            entries.add(new Node[] {
                uri(cell(spec, cell)), agrees ? Atlas.agreeingCell.asNode() : Atlas.disagreeingCell.asNode()
            });
            String found =
                    detected == null ? (r.state() == SweepJournal.CellState.FAILED ? "failed" : "no phase") : detected;
            en.append(cell.label())
                    .append(": expected ")
                    .append(expected)
                    .append(", detected ")
                    .append(found)
                    .append(agrees ? " (agrees). " : " (disagrees). ");
            zh.append(cell.label())
                    .append("：预期 ")
                    .append(expected)
                    .append("，检测到 ")
                    .append(found)
                    .append(agrees ? "（一致）。" : "（不一致）。");
        }
        double agreement = scored == 0 ? 0 : (double) agreeing / scored;
        boolean supports = scored > 0 && agreement >= spec.prediction().minimumAgreement();
        String iri = base + "prediction-score/" + spec.id() + "-" + Slugs.digest(declared.lockHash() + en, 12);
        Node s = uri(iri);
        Node p = uri(declared.prediction());
        g.add(s, RDF.type.asNode(), Atlas.PredictionScore.asNode());
        g.add(
                s,
                SKOS.prefLabel.asNode(),
                lang(
                        String.format(
                                java.util.Locale.ROOT,
                                "Score of the prediction for %s: %d of %d cells agree",
                                spec.id(),
                                agreeing,
                                scored),
                        "en"));
        g.add(
                s,
                SKOS.prefLabel.asNode(),
                lang(
                        String.format(
                                java.util.Locale.ROOT, "参数扫描 %s 的预测评分：%d / %d 个格点一致", spec.id(), agreeing, scored),
                        "zh"));
        g.add(s, Atlas.scores.asNode(), p);
        g.add(s, Atlas.agreement.asNode(), dbl(agreement));
        entries.forEach(e -> g.add(s, e[1], e[0]));
        g.add(s, supports ? Atlas.supports.asNode() : Atlas.disputes.asNode(), p);
        String prereg = lockFirst
                ? "Preregistered: the prediction was locked at " + declared.lockedAt() + ", before every run started."
                : "Not preregistered: the prediction was made after runs started.";
        String preregZh = lockFirst ? "预注册：预测锁定于 " + declared.lockedAt() + "，早于所有运行的开始。" : "非预注册：预测在运行开始之后才作出。";
        g.add(s, RDFS.comment.asNode(), lang(en + prereg, "en"));
        g.add(s, RDFS.comment.asNode(), lang(zh + preregZh, "zh"));
        submit(spec.id() + " (score)", g, ContributionMethod.DETECTOR, SCORER);
        return new SweepRunner.Score(iri, agreement, agreeing, scored, supports, lockFirst);
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static Node lang(String text, String language) {
        return NodeFactory.createLiteralLang(text, language);
    }

    private static Node dbl(double value) {
        return NodeFactory.createLiteralDT(Double.toString(value), XSDDatatype.XSDdouble);
    }

    private static Node number(BigDecimal value) {
        String plain = SweepSpec.plain(value);
        return NodeFactory.createLiteralDT(plain.contains(".") ? plain : plain + ".0", XSDDatatype.XSDdouble);
    }
}
