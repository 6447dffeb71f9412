package org.physicsofai.atlas.importers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.physicsofai.atlas.ontology.AtlasOntology;

/**
 * Which observable a logged metric measures: the user's mapping first (exact metric key to an
 * observable, or {@code ignore}), then built-in synonyms for the common names training code uses
 * ({@code val_accuracy}, {@code val/acc}, {@code epoch_accuracy}, {@code test_acc}...), the validation
 * split ({@code val}, {@code valid}, {@code validation}, {@code eval}) apart from the test split. A metric
 * neither knows is {@linkplain Resolution#unmapped() unmapped}, and the importer proposes an
 * observable for it.
 */
public final class ObservableMapping {

    /** The mapping value that leaves a metric out of the import. */
    public static final String IGNORE = "ignore";

    /**
     * The prefix of a mapping value that proposes a new observable with the name that follows ({@code
     * new:gradient noise scale}), for review like any proposed observable.
     */
    public static final String NEW = "new:";

    private static final String SEED = AtlasOntology.ID_BASE + "observable/";
    private static final Pattern SPLIT = Pattern.compile("(train|training|val|valid|validation|eval|test)[_/.\\-](.+)");
    private static final Map<String, String> PLAIN = Map.ofEntries(
            Map.entry("loss", "train-loss"),
            Map.entry("acc", "train-accuracy"),
            Map.entry("accuracy", "train-accuracy"),
            Map.entry("epoch_loss", "train-loss"),
            Map.entry("epoch_accuracy", "train-accuracy"),
            Map.entry("full_train_loss", "train-loss"),
            Map.entry("full_train_acc", "train-accuracy"),
            Map.entry("full_train_accuracy", "train-accuracy"),
            Map.entry("weight_norm", "weight-norm"),
            Map.entry("weights_norm", "weight-norm"),
            Map.entry("param_norm", "weight-norm"),
            Map.entry("parameter_norm", "weight-norm"),
            Map.entry("norm", "weight-norm"),
            Map.entry("norms", "weight-norm"),
            Map.entry("last_layer_norm", "last-layer-norm"),
            Map.entry("sharpness", "sharpness"),
            Map.entry("lambda_max", "sharpness"),
            Map.entry("hessian_max_eig", "sharpness"),
            Map.entry("rqi", "rqi"),
            Map.entry("effective_rank", "effective-rank"));

    private final Map<String, String> overrides;

    /**
     * @param overrides metric key to an observable (a full IRI, or the slug of a curated observable
     *     such as {@code test-accuracy}), {@link #IGNORE}, or {@link #NEW} and the name of an observable
     *     to propose
     */
    public ObservableMapping(Map<String, String> overrides) {
        Map<String, String> checked = new LinkedHashMap<>();
        overrides.forEach((key, target) -> {
            String t = target.strip();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("The mapping of '" + key + "' is empty");
            }
            if (t.startsWith(NEW)) {
                String name = t.substring(NEW.length()).strip();
                if (name.isEmpty() || name.length() > 200) {
                    throw new IllegalArgumentException(
                            "The new observable for '" + key + "' needs a name of at most 200 characters");
                }
                checked.put(key, NEW + name);
                return;
            }
            if (!t.equals(IGNORE)
                    && !t.startsWith("http://")
                    && !t.startsWith("https://")
                    && !t.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("The mapping of '" + key + "' must be an observable IRI, the slug"
                        + " of a curated observable (such as test-accuracy) or '" + IGNORE + "': " + target);
            }
            checked.put(key, t.startsWith("http") || t.equals(IGNORE) ? t : SEED + t);
        });
        this.overrides = Map.copyOf(checked);
    }

    /**
     * Reads a mapping file: a YAML mapping of metric keys to observables ({@code val_acc:
     * test-accuracy}, {@code lr: ignore}).
     *
     * @throws IllegalArgumentException naming the file and line of what is wrong
     */
    public static Map<String, String> parseFile(String name, String text) {
        Object yaml;
        try {
            yaml = LenientYaml.load(text);
        } catch (LenientYaml.YamlProblem e) {
            throw new IllegalArgumentException(name + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
        }
        if (yaml == null) {
            return Map.of();
        }
        if (!(yaml instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(name + ": expected a YAML mapping of metric keys to observables");
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v == null || v instanceof Map<?, ?> || v instanceof java.util.List<?>) {
                throw new IllegalArgumentException(
                        name + ": the mapping of '" + k + "' must be an observable or '" + IGNORE + "'");
            }
            mapping.put(String.valueOf(k), String.valueOf(v));
        });
        return mapping;
    }

    /** Parses {@code key=observable} pairs as the command line and the upload form give them. */
    public static Map<String, String> parsePairs(java.util.List<String> pairs) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String pair : pairs) {
            int at = pair.lastIndexOf('=');
            if (at <= 0 || at == pair.length() - 1) {
                throw new IllegalArgumentException("A mapping is metric=observable, not '" + pair + "'");
            }
            mapping.put(pair.substring(0, at).strip(), pair.substring(at + 1).strip());
        }
        return mapping;
    }

    public static ObservableMapping builtIn() {
        return new ObservableMapping(Map.of());
    }

    /**
     * How a metric is mapped.
     *
     * @param observable the observable's IRI, or {@code null} when ignored or unmapped
     * @param ignored the user asked to leave it out
     * @param newName the name of the observable the user asked to propose, or {@code null}
     * @param overridden the user's mapping decided (rather than a built-in synonym or nothing)
     */
    public record Resolution(String observable, boolean ignored, String newName, boolean overridden) {
        public Resolution(String observable, boolean ignored) {
            this(observable, ignored, null, false);
        }

        public boolean unmapped() {
            return observable == null && !ignored;
        }
    }

    public Resolution resolve(String metricKey) {
        String override = overrides.get(metricKey);
        if (override != null) {
            if (override.equals(IGNORE)) {
                return new Resolution(null, true, null, true);
            }
            if (override.startsWith(NEW)) {
                return new Resolution(null, false, override.substring(NEW.length()), true);
            }
            return new Resolution(override, false, null, true);
        }
        String slug = builtIn(metricKey.toLowerCase(Locale.ROOT));
        return new Resolution(slug == null ? null : SEED + slug, false);
    }

    private static String builtIn(String key) {
        if (PLAIN.containsKey(key)) {
            return PLAIN.get(key);
        }
        if (key.startsWith("paramnorm_") || key.startsWith("paramnorm/") || key.startsWith("paramnorm.")) {
            return "param-norm-rms";
        }
        Matcher split = SPLIT.matcher(key);
        if (!split.matches()) {
            return null;
        }
        // Validation and test are different held-out splits: each keeps its own observable.
        String kind =
                split.group(1).startsWith("train") ? "train" : split.group(1).equals("test") ? "test" : "validation";
        String base = split.group(2);
        if (base.startsWith("epoch_")) {
            base = base.substring("epoch_".length());
        }
        return switch (base) {
            case "loss" -> kind + "-loss";
            case "acc", "accuracy" -> kind + "-accuracy";
            default -> null;
        };
    }

    /**
     * The unit of an accuracy-like series: percent when its values go above 1 (and stay within
     * 100), a fraction (QUDT UNITLESS) when they stay within [0, 1]; {@code null} for other metrics.
     */
    public static String unit(String metricKey, String observable, double lowest, double highest) {
        boolean accuracy = (observable != null && observable.endsWith("-accuracy"))
                || metricKey.toLowerCase(Locale.ROOT).matches(".*(^|[_/.\\-])(acc|accuracy)($|[_/.\\-].*)");
        if (!accuracy || Double.isNaN(lowest) || lowest < 0) {
            return null;
        }
        if (highest <= 1.0) {
            return "http://qudt.org/vocab/unit/UNITLESS";
        }
        return highest <= 100.0 ? "http://qudt.org/vocab/unit/PERCENT" : null;
    }
}
