package org.physicsofai.atlas.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every topic of the wider field that issue #20 lists (and the founding notes' symmetry) is a phenomenon of the seed
 * with a verified defining source, an observable that tracks it and a claim or law about it, asked by SPARQL.
 */
class WiderFieldTest {

    /** The list, in its order, each with the phenomenon that covers it. */
    private static final List<String> TOPICS = List.of(
            "river-valley-landscape", // learning-rate warmup and schedules
            "memorization-capacity",
            "benign-overfitting",
            "lazy-versus-feature-learning", // NTK versus feature learning and muP
            "hessian-outlier-spectrum",
            "critical-batch-size", // and the gradient noise scale
            "data-pruning-scaling",
            "test-time-compute-scaling",
            "model-collapse",
            "edge-of-chaos", // signal propagation
            "mean-field-limit",
            "implicit-max-margin-bias",
            "sharp-versus-flat-minima",
            "heavy-tailed-weight-spectra",
            "training-instabilities", // loss spikes and attention-logit growth
            "attention-sinks",
            "massive-activations",
            "convergent-representations",
            "linear-representations",
            "superposition", // sparse autoencoders, as a claim about superposition
            "icl-task-diversity-transition",
            "data-constrained-scaling",
            "precision-scaling",
            "broken-scaling",
            "catastrophic-forgetting",
            "kernel-learning-curves",
            "symmetry-induced-constraints"); // the founding notes' symmetry

    private static Model seed;

    @BeforeAll
    static void load() {
        seed = SeedFiles.seed();
    }

    private static boolean ask(String where) {
        try (QueryExecution qe =
                QueryExecution.model(seed).query("""
                        PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                        PREFIX phen:  <https://w3id.org/physics-of-ai/id/phenomenon/>
                        PREFIX claim: <https://w3id.org/physics-of-ai/id/claim/>
                        PREFIX obs:   <https://w3id.org/physics-of-ai/id/observable/>
                        ASK {""" + where + "}").build()) {
            return qe.execAsk();
        }
    }

    @Test
    void everyTopicHasAVerifiedSourceAnObservableAndAClaim() {
        List<String> problems = new ArrayList<>();
        for (String topic : TOPICS) {
            String p = "phen:" + topic;
            if (!ask(p + " a atlas:Phenomenon ; atlas:source ?s . ?s atlas:verification atlas:verified")) {
                problems.add(topic + " has no verified defining source");
            }
            if (!ask("?o a atlas:Observable ; atlas:tracks " + p)) {
                problems.add(topic + " is tracked by no observable");
            }
            if (!ask("?c atlas:about " + p + " ; atlas:source ?s . { ?c a atlas:Claim } UNION { ?c a atlas:Law }")) {
                problems.add(topic + " has no claim or law about it");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The founding notes' compression to a simpler algorithm is a phenomenon, part of grokking, not only claims. */
    @Test
    void compressionToASimplerAlgorithmIsAPhenomenonOfGrokkingWithAnObservable() {
        assertThat(ask("phen:compression-before-generalization a atlas:Phenomenon ; atlas:partOf phen:grokking ."
                        + " obs:linear-mapping-number atlas:tracks phen:compression-before-generalization ."
                        + " claim:liu2023compress-grokking-as-compression atlas:supports"
                        + " phen:compression-before-generalization ."
                        + " claim:interview-compression-to-simpler-algorithm atlas:about"
                        + " phen:compression-before-generalization"))
                .isTrue();
        // a part of grokking does not explain it
        assertThat(ask("phen:compression-before-generalization atlas:explains ?x"))
                .isFalse();
    }

    @Test
    void sparseAutoencodersSymmetryAndPrecisionKeepTheirLinks() {
        assertThat(ask("claim:cunningham2023-sae-features atlas:supports phen:superposition"))
                .isTrue();
        assertThat(ask("obs:symmetry-constraint-residual atlas:tracks phen:symmetry-induced-constraints ;"
                        + " atlas:source ?s . ?s atlas:arxivId \"2309.16932\""))
                .isTrue();
        assertThat(ask("phen:precision-scaling atlas:partOf phen:neural-scaling-laws"))
                .isTrue();
    }
}
