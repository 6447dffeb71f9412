package org.physicsofai.atlas.detect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.contribution.ValidationException;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.CurrentContributions;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Submission;

/**
 * What every detector shares when it writes its output: the versioned {@code atlas:Detector} node with
 * its parameters as {@code atlas:ConfigSetting}s, observations attributed to it ({@code
 * atlas:detectedBy}), and the storing of one run's result as a contribution (method {@code detector})
 * that supersedes the earlier accepted or pending output of the same detector family for that run. An
 * identical result stores nothing (the contribution service answers the resubmission).
 */
public final class DetectorOutputs {

    static final Duration QUERY_TIMEOUT = Duration.ofMinutes(1);
    static final String UNIT_NUM = "http://qudt.org/vocab/unit/NUM";

    private final KnowledgeStore store;
    private final ContributionService contributions;
    private final String baseIri;

    public DetectorOutputs(KnowledgeStore store, ContributionService contributions, String baseIri) {
        if (!baseIri.endsWith("/id/")) {
            throw new IllegalArgumentException("The IRI base must end in /id/: " + baseIri);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.contributions = Objects.requireNonNull(contributions, "contributions");
        this.baseIri = baseIri;
    }

    public String baseIri() {
        return baseIri;
    }

    KnowledgeStore store() {
        return store;
    }

    /**
     * The IRI of a detector node: {@code {base}detector/{family}-{version}-{digest of the parameters}}.
     *
     * @param parameters the parameters in a stable textual form
     */
    public String detectorIri(String family, String version, String parameters) {
        return baseIri + "detector/" + family + "-" + version + "-" + Slugs.digest(parameters, 8);
    }

    /** The prefix every version of a detector family shares. */
    String familyPrefix(String family) {
        return baseIri + "detector/" + family + "-";
    }

    /**
     * Adds the detector node: type, labels (en, zh), definition, version, and one config setting per
     * parameter (in the map's order).
     */
    Node detector(
            Graph g,
            String iri,
            String labelEn,
            String labelZh,
            String definition,
            String version,
            Map<String, Node> parameters) {
        Node det = iri(iri);
        g.add(det, RDF.type.asNode(), Atlas.Detector.asNode());
        g.add(det, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang(labelEn, "en"));
        g.add(det, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang(labelZh, "zh"));
        g.add(det, SKOS.definition.asNode(), NodeFactory.createLiteralLang(definition, "en"));
        g.add(det, Atlas.version.asNode(), NodeFactory.createLiteralString(version));
        parameters.forEach((key, value) -> {
            Node setting = iri(iri.replace("/detector/", "/config/detector-") + "-" + key);
            g.add(det, Atlas.hasConfig.asNode(), setting);
            g.add(setting, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
            g.add(setting, Atlas.configKey.asNode(), NodeFactory.createLiteralString(key));
            g.add(setting, Atlas.configValue.asNode(), value);
        });
        return det;
    }

    /** An observation of the run attributed to the detector. */
    static Node observation(Graph g, String iri, String run, String observable, Node detector) {
        Node o = iri(iri);
        g.add(o, RDF.type.asNode(), Atlas.Observation.asNode());
        g.add(o, Atlas.run.asNode(), iri(run));
        g.add(o, Atlas.observable.asNode(), iri(observable));
        g.add(o, Atlas.detectedBy.asNode(), detector);
        return o;
    }

    /** The prefix of the observation IRIs of one run's result of a detector family. */
    String observationPrefix(String run, String family) {
        return baseIri + "observation/" + Slugs.digest(run, 16) + "-" + family + "-";
    }

    /** One stored result: the contribution, whether it is new, and what it superseded. */
    public record Stored(String contribution, boolean created, List<String> superseded) {}

    /**
     * Stores one run's result, superseding the earlier accepted or pending output of any version of the
     * detector family about that run.
     */
    Stored store(String what, Graph graph, String run, String family, String tool, AgentRef agent, boolean accept) {
        List<String> supersedes = earlierResults(run, family);
        Submission submission;
        try {
            submission = contributions.submit(
                    what,
                    new NewContribution(
                            graph, ContributionMethod.DETECTOR, agent, null, null, tool, supersedes, accept));
        } catch (ValidationException e) {
            throw new IllegalStateException("The " + family + " detector made statements that do not conform: " + e, e);
        }
        String iri = submission.contribution().iri();
        return new Stored(
                iri,
                submission.created(),
                submission.created()
                        ? supersedes.stream().filter(g -> !g.equals(iri)).toList()
                        : List.of());
    }

    /** Accepted or pending output of any version of the detector family about the run. */
    List<String> earlierResults(String run, String family) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT DISTINCT ?g WHERE {
                  GRAPH ?g { ?o ?runProp ?run ; ?detectedBy ?d }
                  GRAPH ?provenance { ?g ?method ?detector ; ?status ?state }
                  FILTER (?state IN (?accepted, ?pending))
                  FILTER (STRSTARTS(STR(?d), ?prefix))
                }""");
        pss.setIri("runProp", Atlas.run.getURI());
        pss.setIri("run", run);
        pss.setIri("detectedBy", Atlas.detectedBy.getURI());
        pss.setIri("method", Atlas.method.getURI());
        pss.setIri("detector", Atlas.detector.getURI());
        pss.setLiteral("prefix", familyPrefix(family));
        return CurrentContributions.graphs(store, pss, QUERY_TIMEOUT);
    }

    static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    /**
     * A double in the lexical form the store gives back ({@code "0.1e0"}), so that the statements of a
     * detector node shared by several results read the same when validated against stored knowledge.
     */
    static Node dbl(double value) {
        return NodeValue.makeDouble(value).asNode();
    }

    static Node integer(long value) {
        return NodeFactory.createLiteralDT(Long.toString(value), XSDDatatype.XSDinteger);
    }

    static Node text(String value) {
        return NodeFactory.createLiteralString(value);
    }
}
