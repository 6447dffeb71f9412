package org.physicsofai.atlas.law;

import java.util.List;
import java.util.Objects;
import org.physicsofai.atlas.detect.GrokkingDetection;
import org.physicsofai.atlas.detect.GrokkingDetector;
import org.physicsofai.atlas.store.AgentRef;

/**
 * Analyses the data already in accepted knowledge, as the application does after loading its seed: the
 * grokking detector labels every run that records its steps to threshold without accuracy series (the
 * authors' phase-diagram runs), then every accepted law-check plan is checked. Both store their results
 * as the usual detector and law-check contributions; with unchanged knowledge a second round stores
 * nothing.
 */
public final class KnowledgeAnalysis {

    private final GrokkingDetection detection;
    private final GrokkingDetector detector;
    private final LawCheckPlans plans;
    private final AgentRef agent;

    public KnowledgeAnalysis(
            GrokkingDetection detection, GrokkingDetector detector, LawCheckPlans plans, AgentRef agent) {
        this.detection = Objects.requireNonNull(detection, "detection");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    /** What one round found and stored. */
    public record Report(GrokkingDetection.Report phases, LawCheckPlans.Report checks) {

        /** New contributions stored by the round. */
        public long created() {
            return phases.created() + checks.created();
        }

        /** Summary lines, then one line per check outcome. */
        public List<String> lines() {
            List<String> lines = new java.util.ArrayList<>();
            lines.add(phases.summary().replace("without both accuracy series", "without recorded steps"));
            lines.add(checks.summary());
            checks.outcomes().forEach(o -> lines.add("  " + o.line()));
            return List.copyOf(lines);
        }
    }

    /** Labels the runs with recorded steps, then makes every planned law check. */
    public Report run() {
        GrokkingDetection.Report phases = detection.detectRecorded(detector, List.of(), agent, true);
        LawCheckPlans.Report checks = plans.checkAll(agent);
        return new Report(phases, checks);
    }
}
