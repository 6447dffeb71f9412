package org.physicsofai.atlas.web.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.physicsofai.atlas.detect.CurveDetection;
import org.physicsofai.atlas.detect.DoubleDescentDetector;
import org.physicsofai.atlas.detect.EdgeOfStabilityDetector;
import org.physicsofai.atlas.detect.GrokkingDetection;
import org.physicsofai.atlas.detect.GrokkingDetector;
import org.physicsofai.atlas.detect.PhaseRule;
import org.physicsofai.atlas.detect.SpikeDetector;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.stereotype.Component;

/**
 * Runs the detectors on demand, over given runs or every run they apply to: the grokking detector, and
 * the edge-of-stability, spike and double-descent detectors.
 */
@Component
class DetectCommand implements AtlasCommand {

    private final GrokkingDetection detection;
    private final CurveDetection curves;
    private final AtlasProperties properties;

    DetectCommand(GrokkingDetection detection, CurveDetection curves, AtlasProperties properties) {
        this.detection = detection;
        this.curves = curves;
        this.properties = properties;
    }

    static final String NAME = "detect";

    @Override
    public String name() {
        return NAME;
    }

    static final String SUMMARY = "Run the grokking, edge-of-stability, spike and double-descent detectors on runs";

    @Override
    public String summary() {
        return SUMMARY;
    }

    static final String USAGE =
            "detect [--threshold FRACTION] [--budget STEPS] [--gap STEPS] [--pending] [RUN_IRI...]\n"
                    + "  RUN_IRI      the runs to label (default: every run with both accuracy series)\n"
                    + "  --threshold  accuracy threshold as a fraction of the accuracy scale (default 0.9)\n"
                    + "  --budget     last step at which a threshold counts (default 100000)\n"
                    + "  --gap        delay in steps from which a run counts as grokking (default 1000)\n"
                    + "  --pending    submit the results for review instead of as accepted knowledge\n"
                    + "  --eos-tolerance  relative distance from the stability threshold counted as at the edge"
                    + " (default 0.2)\n"
                    + "  --spike-window   points before a point that make its baseline (default 20)\n"
                    + "  --spike-k        robust standard deviations above the baseline for a spike (default 6)\n"
                    + "  --dd-prominence  least peak prominence, as a fraction of the curve's range (default 0.1)\n"
                    + "A result that differs from the stored one supersedes it; an identical one stores nothing.";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        double threshold = GrokkingDetector.DEFAULT_THRESHOLD;
        long budget = PhaseRule.PUBLISHED.budget();
        long gap = PhaseRule.PUBLISHED.gap();
        boolean pending = false;
        double eosTolerance = EdgeOfStabilityDetector.DEFAULT.tolerance();
        int spikeWindow = SpikeDetector.DEFAULT.window();
        double spikeK = SpikeDetector.DEFAULT.k();
        double prominence = DoubleDescentDetector.SWEEP.prominence();
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--threshold" -> threshold = number(args, ++i, arg);
                case "--budget" -> budget = whole(args, ++i, arg);
                case "--gap" -> gap = whole(args, ++i, arg);
                case "--pending" -> pending = true;
                case "--eos-tolerance" -> eosTolerance = number(args, ++i, arg);
                case "--spike-window" -> spikeWindow = (int) whole(args, ++i, arg);
                case "--spike-k" -> spikeK = number(args, ++i, arg);
                case "--dd-prominence" -> prominence = number(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("Unknown option '" + arg + "'.");
                    }
                    if (!arg.matches("https?://\\S+")) {
                        throw new UsageException("Not a run IRI: '" + arg + "'.");
                    }
                    runs.add(arg);
                }
            }
        }
        GrokkingDetector detector;
        CurveDetection.Settings settings;
        try {
            detector = new GrokkingDetector(threshold, new PhaseRule(budget, gap));
            EdgeOfStabilityDetector eos = EdgeOfStabilityDetector.DEFAULT;
            SpikeDetector spikes = SpikeDetector.DEFAULT;
            settings = new CurveDetection.Settings(
                    new EdgeOfStabilityDetector(eosTolerance, eos.tail(), eos.sharpening()),
                    new SpikeDetector(spikeWindow, spikeK, spikes.minRatio()),
                    new DoubleDescentDetector(
                            DoubleDescentDetector.EPOCH_WISE.smoothing(),
                            prominence,
                            DoubleDescentDetector.EPOCH_WISE.warmup()),
                    new DoubleDescentDetector(
                            DoubleDescentDetector.SWEEP.smoothing(), prominence, DoubleDescentDetector.SWEEP.warmup()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        AgentRef agent = new AgentRef(properties.baseIri() + "agent/command-line", "command line");
        GrokkingDetection.Report report = detection.detect(detector, runs, agent, !pending);
        for (GrokkingDetection.RunDetection run : report.runs()) {
            GrokkingDetector.Result r = run.result();
            out.println(run.run() + "\t" + r.phase().label() + "\ttrain "
                    + (r.trainStep().isPresent() ? r.trainStep().getAsLong() : "-") + "\ttest "
                    + (r.testStep().isPresent() ? r.testStep().getAsLong() : "-")
                    + (run.created() ? "\tnew " + run.contribution() : "\tunchanged"));
        }
        for (String run : report.skipped()) {
            out.println(run + "\tskipped: no training and test accuracy series");
        }
        out.println(report.summary());
        CurveDetection.Report found = curves.detect(settings, runs, agent, !pending);
        for (CurveDetection.Finding f : found.findings()) {
            out.println(f.subject() + "\t" + f.family() + "\t" + f.summary()
                    + (f.created() ? "\tnew " + f.contribution() : "\tunchanged")
                    + (f.review() ? "\tsent to review" : ""));
        }
        found.summaries().forEach(out::println);
        return 0;
    }

    private static double number(List<String> args, int index, String option) {
        String text = value(args, index, option);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, not '" + text + "'.");
        }
    }

    private static long whole(List<String> args, int index, String option) {
        String text = value(args, index, option);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number of steps, not '" + text + "'.");
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value.");
        }
        return args.get(index);
    }
}
