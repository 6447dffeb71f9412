package org.physicsofai.atlas.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.physicsofai.atlas.importers.ImportListener;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.store.AgentRef;

/**
 * Runs the detectors on the runs of each accepted import, as the importer's agent: the grokking detector,
 * and the curve detectors (edge of stability, spikes, double descent) when given.
 */
public final class DetectAfterImport implements ImportListener {

    private final GrokkingDetection detection;
    private final GrokkingDetector detector;
    private final CurveDetection curves;
    private final CurveDetection.Settings settings;

    public DetectAfterImport(GrokkingDetection detection, GrokkingDetector detector) {
        this(detection, detector, null, null);
    }

    public DetectAfterImport(
            GrokkingDetection detection,
            GrokkingDetector detector,
            CurveDetection curves,
            CurveDetection.Settings settings) {
        this.detection = Objects.requireNonNull(detection, "detection");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.curves = curves;
        this.settings = curves == null ? null : Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<String> imported(ImportRequest request, ImportReport report) {
        return detect(report.runs(), request.agent());
    }

    @Override
    public void resumed(AgentRef agent, List<String> runs) {
        detect(runs, agent);
    }

    private List<String> detect(List<String> runs, AgentRef agent) {
        if (runs.isEmpty()) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        GrokkingDetection.Report found = detection.detect(detector, runs, agent, true);
        if (!found.runs().isEmpty()) {
            notes.add(found.summary());
        }
        if (curves != null) {
            notes.addAll(curves.detect(settings, runs, agent, true).summaries());
        }
        return List.copyOf(notes);
    }
}
