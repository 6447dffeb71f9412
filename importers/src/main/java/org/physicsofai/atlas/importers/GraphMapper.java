package org.physicsofai.atlas.importers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesSummary;

/**
 * Turns runs into statements: experiments, runs with typed configuration settings, one Series per
 * metric with its summary and download link, the log files they came from, and proposed observables
 * for metrics no known observable matches. Every IRI is derived from the data, so the same input
 * always gives the same statements.
 */
final class GraphMapper {

    private static final String PROV = "http://www.w3.org/ns/prov#";
    private static final Node TYPE = RDF.type.asNode();
    private static final Node LABEL = SKOS.prefLabel.asNode();

    private final String base;
    private final String downloadBase;
    private final ObservableMapping mapping;
    private final Graph graph = GraphFactory.createDefaultGraph();
    private final Map<String, SeriesData> series = new LinkedHashMap<>();
    private final Set<String> experiments = new LinkedHashSet<>();
    private final List<String> runs = new ArrayList<>();
    private final Map<String, String> proposed = new TreeMap<>();
    /** Absolute paths of the machine that ran the training name its user; they are not imported. */
    private static final java.util.regex.Pattern LOCAL_PATH =
            java.util.regex.Pattern.compile("(/|~/|[A-Za-z]:[\\\\/]|file:/).*");

    private int ignored;
    private int localPaths;
    private int observations;

    /**
     * @param base the deployment's IRI base, ending in {@code /id/}
     * @param mapping how metrics map to observables
     */
    GraphMapper(String base, ObservableMapping mapping) {
        this(base, mapping, null);
    }

    /**
     * @param pathTemplate the template whose fields name the variables of the runs' settings, or {@code
     *     null}
     */
    GraphMapper(String base, ObservableMapping mapping, PathTemplate pathTemplate) {
        this.base = base;
        this.downloadBase = base.substring(0, base.length() - "id/".length()) + "api/series/";
        this.mapping = mapping;
        this.pathTemplate = pathTemplate;
    }

    private final PathTemplate pathTemplate;
    /** Per experiment, per variable, the values its runs take. */
    private final Map<Node, Map<String, Set<String>>> variableValues = new LinkedHashMap<>();
    /** Proposed variables: IRI to the field's name. */
    private final Map<String, String> proposedVariables = new TreeMap<>();

    /** Curated variables the fields of a path template name by their common names. */
    private static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("lr", "learning-rate"),
            Map.entry("learning_rate", "learning-rate"),
            Map.entry("learningrate", "learning-rate"),
            Map.entry("eta", "learning-rate"),
            Map.entry("wd", "weight-decay"),
            Map.entry("weight_decay", "weight-decay"),
            Map.entry("weightdecay", "weight-decay"),
            Map.entry("width", "model-width"),
            Map.entry("hidden", "model-width"),
            Map.entry("hidden_size", "model-width"),
            Map.entry("d_model", "model-width"),
            Map.entry("optimizer", "optimizer"),
            Map.entry("optimiser", "optimizer"),
            Map.entry("optim", "optimizer"),
            Map.entry("opt", "optimizer"),
            Map.entry("seed", "seed"),
            Map.entry("batch_size", "batch-size"),
            Map.entry("batchsize", "batch-size"),
            Map.entry("bs", "batch-size"),
            Map.entry("frac", "training-fraction"),
            Map.entry("train_frac", "training-fraction"),
            Map.entry("training_fraction", "training-fraction"),
            Map.entry("modulus", "modulus"),
            Map.entry("init_scale", "init-scale"),
            Map.entry("alpha", "init-scale"));

    /**
     * The variable a path-template field sets: a curated one its common name gives, otherwise a variable
     * named after the field, proposed for review.
     */
    String variable(String field) {
        String curated = VARIABLES.get(field.toLowerCase(java.util.Locale.ROOT));
        if (curated != null) {
            return org.physicsofai.atlas.ontology.AtlasOntology.ID_BASE + "variable/" + curated;
        }
        return base + "variable/" + Slugs.segment(field);
    }

    void add(RunData run, RunData.ExperimentRef experiment) {
        Node exp = uri("experiment/" + experiment.key());
        if (experiments.add(exp.getURI())) {
            add(exp, TYPE, Atlas.Experiment.asNode());
            add(exp, LABEL, NodeFactory.createLiteralLang(experiment.label(), "en"));
        }
        add(run, exp);
    }

    /** Adds a run to an experiment the Atlas already holds, which these statements do not describe. */
    void add(RunData run, String existingExperiment) {
        Node exp = NodeFactory.createURI(existingExperiment);
        experiments.add(existingExperiment);
        add(run, exp);
    }

    private void add(RunData run, Node exp) {
        Node r = uri("run/" + run.key());
        runs.add(r.getURI());
        add(r, TYPE, Atlas.Run.asNode());
        add(r, LABEL, NodeFactory.createLiteralLang(run.label(), "en"));
        add(r, Atlas.partOf.asNode(), exp);
        if (run.status() != null) {
            add(r, Atlas.runStatus.asNode(), NodeFactory.createLiteralString(run.status()));
        }
        time(r, "startedAtTime", run.started());
        time(r, "endedAtTime", run.ended());
        new TreeMap<>(run.config()).forEach((key, value) -> {
            if (value instanceof String text && LOCAL_PATH.matcher(text.strip()).matches()) {
                localPaths++;
                return;
            }
            Node setting = uri("config/" + run.key() + "--" + Slugs.segment(key));
            add(r, Atlas.hasConfig.asNode(), setting);
            if (pathTemplate != null && pathTemplate.fields().contains(key) && !PathTemplate.isIndex(key)) {
                String variable = variable(key);
                add(setting, Atlas.variable.asNode(), NodeFactory.createURI(variable));
                if (variable.startsWith(base)) {
                    proposedVariables.put(variable, key);
                }
                variableValues
                        .computeIfAbsent(exp, e -> new LinkedHashMap<>())
                        .computeIfAbsent(variable, v -> new java.util.HashSet<>())
                        .add(String.valueOf(value));
            }
            add(setting, TYPE, Atlas.ConfigSetting.asNode());
            add(setting, Atlas.configKey.asNode(), NodeFactory.createLiteralString(key));
            if (value == ConfigValues.NotSet.VALUE) {
                add(setting, Atlas.valueNotSet.asNode(), NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));
            } else {
                add(setting, Atlas.configValue.asNode(), literal(value));
            }
        });
        Map<String, Node> files = new LinkedHashMap<>();
        int common = commonFolder(run.files());
        for (LogFileRef file : run.files()) {
            files.put(file.path(), file(r, run.key(), file, file.path().substring(common)));
        }
        Map<String, Node> seriesByKey = new LinkedHashMap<>();
        for (MetricData metric : run.metrics()) {
            Node s = metric(r, run, metric, files);
            if (s != null) {
                seriesByKey.put(metric.key(), s);
            }
        }
        if (run.summary() != null) {
            summary(r, run, seriesByKey);
        }
    }

    /** The final values a tool reported become observations of the run, linked to their series if any. */
    private void summary(Node run, RunData data, Map<String, Node> seriesByKey) {
        new TreeMap<>(data.summary().values()).forEach((key, value) -> {
            ObservableMapping.Resolution resolution = mapping.resolve(key);
            if (resolution.ignored() || org.physicsofai.atlas.importers.table.Columns.STEP.contains(key)) {
                return;
            }
            String observable = observable(key, resolution);
            Node o = uri("observation/" + data.key() + "--" + Slugs.segment(key) + "--final");
            add(o, TYPE, Atlas.Observation.asNode());
            add(o, LABEL, NodeFactory.createLiteralLang("final " + key + " of " + data.label(), "en"));
            add(o, Atlas.run.asNode(), run);
            add(o, Atlas.observable.asNode(), NodeFactory.createURI(observable));
            number(o, Atlas.value.asNode(), value);
            if (Double.isNaN(value)) {
                add(o, Atlas.event.asNode(), NodeFactory.createLiteralString("final value " + key + " is NaN"));
            }
            if (data.summary().step() >= 0) {
                add(o, Atlas.step.asNode(), integer(data.summary().step()));
            }
            String unit = ObservableMapping.unit(key, observable, value, value);
            if (unit != null) {
                add(o, Atlas.unit.asNode(), NodeFactory.createURI(unit));
            }
            if (seriesByKey.containsKey(key)) {
                add(o, Atlas.series.asNode(), seriesByKey.get(key));
            }
            observations++;
        });
    }

    private String observable(String key, ObservableMapping.Resolution resolution) {
        if (resolution.observable() != null) {
            return resolution.observable();
        }
        String name = resolution.newName() != null ? resolution.newName() : key;
        String iri = proposedIri(base, name);
        proposed.put(iri, name);
        return iri;
    }

    /** The IRI of the observable an import proposes for a metric (or a new name) nothing matched. */
    static String proposedIri(String base, String name) {
        return base + "observable/" + Slugs.segment(name);
    }

    /**
     * The length of the folder every file of a run shares (with its {@code /}): a file's path after it
     * is the same whichever folder, zip or upload the run was imported through.
     */
    static int commonFolder(List<LogFileRef> files) {
        if (files.isEmpty()) {
            return 0;
        }
        String prefix = files.getFirst().path();
        prefix = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        for (LogFileRef file : files) {
            while (!file.path().startsWith(prefix)) {
                prefix = prefix.substring(0, prefix.lastIndexOf('/', prefix.length() - 2) + 1);
            }
        }
        return prefix.length();
    }

    private Node file(Node run, String runKey, LogFileRef file, String inRun) {
        Node f = uri("file/" + Slugs.digest(runKey + "\n" + inRun, 24));
        add(f, TYPE, Atlas.LogFile.asNode());
        add(f, Atlas.filePath.asNode(), NodeFactory.createLiteralString(file.path()));
        add(f, Atlas.fileHash.asNode(), NodeFactory.createLiteralString(file.hash()));
        add(
                f,
                Atlas.fileFormat.asNode(),
                NodeFactory.createLiteralString(file.format().label()));
        add(f, NodeFactory.createURI(PROV + "wasGeneratedBy"), run);
        return f;
    }

    private Node metric(Node run, RunData data, MetricData metric, Map<String, Node> files) {
        ObservableMapping.Resolution resolution = mapping.resolve(metric.key());
        if (resolution.ignored() || metric.points().isEmpty()) {
            ignored++;
            return null;
        }
        String observable = observable(metric.key(), resolution);
        String id = data.key() + "--" + Slugs.segment(metric.key());
        Node s = uri("series/" + id);
        series.put(s.getURI(), metric.points());
        SeriesSummary summary = SeriesSummary.of(metric.points());
        add(s, TYPE, Atlas.Series.asNode());
        add(s, LABEL, NodeFactory.createLiteralLang(metric.key() + " of " + data.label(), "en"));
        add(s, Atlas.metricKey.asNode(), NodeFactory.createLiteralString(metric.key()));
        add(s, Atlas.run.asNode(), run);
        add(s, Atlas.observable.asNode(), NodeFactory.createURI(observable));
        add(
                s,
                NodeFactory.createURI("http://www.w3.org/ns/dcat#downloadURL"),
                NodeFactory.createURI(downloadBase + id));
        add(s, Atlas.pointCount.asNode(), integer(summary.points()));
        add(s, Atlas.firstStep.asNode(), integer(summary.firstStep()));
        add(s, Atlas.lastStep.asNode(), integer(summary.lastStep()));
        number(s, Atlas.lowestValue.asNode(), summary.lowest());
        number(s, Atlas.highestValue.asNode(), summary.highest());
        number(s, Atlas.lastValue.asNode(), summary.lastValue());
        String unit = ObservableMapping.unit(metric.key(), observable, summary.lowest(), summary.highest());
        if (unit != null) {
            add(s, Atlas.unit.asNode(), NodeFactory.createURI(unit));
        }
        if (metric.file() != null && files.containsKey(metric.file().path())) {
            add(
                    s,
                    NodeFactory.createURI(PROV + "wasDerivedFrom"),
                    files.get(metric.file().path()));
        }
        return s;
    }

    /**
     * Adds the proposed observables and variables, flagged unverified for review, and the variables each
     * experiment varies (the path-template fields its runs give more than one value); call once after
     * every run.
     */
    void finish() {
        variableValues.forEach((exp, variables) -> variables.forEach((variable, values) -> {
            if (values.size() > 1) {
                add(exp, Atlas.varies.asNode(), NodeFactory.createURI(variable));
            }
        }));
        proposedVariables.forEach((iri, field) -> {
            Node v = NodeFactory.createURI(iri);
            add(v, TYPE, Atlas.Variable.asNode());
            add(v, LABEL, NodeFactory.createLiteralLang(field, "en"));
            add(
                    v,
                    SKOS.definition.asNode(),
                    NodeFactory.createLiteralLang(
                            "The setting named '" + field + "' in the names of run folders, proposed by an import"
                                    + " through a path template; to be reviewed and mapped or defined.",
                            "en"));
            add(v, Atlas.verification.asNode(), Atlas.unverified.asNode());
        });
        proposed.forEach((iri, key) -> {
            Node o = NodeFactory.createURI(iri);
            add(o, TYPE, Atlas.Observable.asNode());
            add(o, LABEL, NodeFactory.createLiteralLang(key, "en"));
            add(
                    o,
                    SKOS.definition.asNode(),
                    NodeFactory.createLiteralLang(
                            "The metric logged as '" + key
                                    + "', proposed by an import because no known observable matched it;"
                                    + " to be reviewed and mapped or defined.",
                            "en"));
            add(o, Atlas.verification.asNode(), Atlas.unverified.asNode());
        });
    }

    Graph graph() {
        return graph;
    }

    Map<String, SeriesData> series() {
        return series;
    }

    List<String> experiments() {
        return List.copyOf(experiments);
    }

    List<String> runs() {
        return runs;
    }

    List<String> proposedObservables() {
        return List.copyOf(proposed.keySet());
    }

    List<String> proposedVariables() {
        return List.copyOf(proposedVariables.keySet());
    }

    int localPaths() {
        return localPaths;
    }

    int observations() {
        return observations;
    }

    int ignoredMetrics() {
        return ignored;
    }

    private Node uri(String path) {
        return NodeFactory.createURI(base + path);
    }

    private void add(Node s, Node p, Node o) {
        graph.add(s, p, o);
    }

    private void time(Node run, String property, Instant instant) {
        if (instant != null) {
            add(
                    run,
                    NodeFactory.createURI(PROV + property),
                    NodeFactory.createLiteralDT(instant.toString(), XSDDatatype.XSDdateTime));
        }
    }

    private void number(Node s, Node p, double value) {
        if (!Double.isNaN(value)) {
            add(s, p, NodeFactory.createLiteralDT(xsdDouble(value), XSDDatatype.XSDdouble));
        }
    }

    private static String xsdDouble(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "INF" : "-INF";
        }
        return Double.toString(value);
    }

    private static Node integer(long value) {
        return NodeFactory.createLiteralDT(Long.toString(value), XSDDatatype.XSDinteger);
    }

    private static Node literal(Object value) {
        return switch (value) {
            case Long l -> integer(l);
            case Double d ->
                Double.isNaN(d)
                        ? NodeFactory.createLiteralDT("NaN", XSDDatatype.XSDdouble)
                        : NodeFactory.createLiteralDT(xsdDouble(d), XSDDatatype.XSDdouble);
            case Boolean b -> NodeFactory.createLiteralDT(b.toString(), XSDDatatype.XSDboolean);
            default -> NodeFactory.createLiteralString(String.valueOf(value));
        };
    }
}
