package org.physicsofai.atlas.web.curves;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Groups metric keys into observable families (one chart each) and tells their split: {@code
 * train_loss}, {@code val/loss} and {@code validation/epoch_loss} are all "loss", split "train",
 * "val" and "val".
 */
final class Families {

    private static final Set<String> TRAIN = Set.of("train", "training");
    private static final Set<String> VAL = Set.of("val", "valid", "validation", "eval", "evaluation", "dev");
    private static final Set<String> TEST = Set.of("test");
    private static final Set<String> NOISE = Set.of("epoch", "step", "");

    private Families() {}

    static String family(String metricKey) {
        List<String> rest = new ArrayList<>();
        for (String token : tokens(metricKey)) {
            if (!TRAIN.contains(token) && !VAL.contains(token) && !TEST.contains(token) && !NOISE.contains(token)) {
                rest.add(token);
            }
        }
        for (String token : rest) {
            if (token.contains("loss")) {
                return "loss";
            }
        }
        for (String token : rest) {
            if (token.equals("acc") || token.startsWith("accuracy")) {
                return "accuracy";
            }
        }
        for (String token : rest) {
            if (token.contains("norm")) {
                return "norm";
            }
        }
        return rest.isEmpty() ? metricKey.toLowerCase(Locale.ROOT) : String.join("_", rest);
    }

    /** "train", "val", "test", or "" when the key names no split. */
    static String split(String metricKey) {
        for (String token : tokens(metricKey)) {
            if (TRAIN.contains(token)) {
                return "train";
            }
            if (VAL.contains(token)) {
                return "val";
            }
            if (TEST.contains(token)) {
                return "test";
            }
        }
        return "";
    }

    private static String[] tokens(String key) {
        return key.toLowerCase(Locale.ROOT).split("[/_.\\-]");
    }
}
