package org.physicsofai.atlas.detect;

import java.util.List;
import java.util.Objects;
import org.physicsofai.atlas.importers.ImportListener;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;

/** Runs the grokking detector on the runs of each accepted import, as the importer's agent. */
public final class DetectAfterImport implements ImportListener {

    private final GrokkingDetection detection;
    private final GrokkingDetector detector;

    public DetectAfterImport(GrokkingDetection detection, GrokkingDetector detector) {
        this.detection = Objects.requireNonNull(detection, "detection");
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    @Override
    public List<String> imported(ImportRequest request, ImportReport report) {
        if (report.runs().isEmpty()) {
            return List.of();
        }
        GrokkingDetection.Report found = detection.detect(detector, report.runs(), request.agent(), true);
        return found.runs().isEmpty() ? List.of() : List.of(found.summary());
    }
}
