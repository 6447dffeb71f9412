package org.physicsofai.atlas.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.physicsofai.atlas.detect.LearningPhase;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and checks a sweep specification (YAML). Every problem is a {@link SweepSpecException} whose
 * message names the file and the field ({@code mini.yaml: variables[1].values: ...}); nothing is run
 * or stored for a specification with a problem.
 */
public final class SweepSpecParser {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> TOP = Set.of(
            "id",
            "title",
            "experiment",
            "phenomenon",
            "variables",
            "seeds",
            "command",
            "directory",
            "output",
            "budget",
            "parallelism",
            "prediction");
    static final int MAX_CELLS = 10_000;

    private final String file;

    private SweepSpecParser(String file) {
        this.file = file;
    }

    /**
     * @param text the YAML
     * @param fileName the name messages give the file
     * @param base the folder a relative {@code directory} is resolved against (the file's folder)
     */
    public static SweepSpec parse(String text, String fileName, Path base) {
        return new SweepSpecParser(fileName).read(text, base);
    }

    private SweepSpecException problem(String field, String message) {
        return new SweepSpecException(file + ": " + field + ": " + message);
    }

    private SweepSpec read(String text, Path base) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(50);
            options.setNestingDepthLimit(50);
            options.setCodePointLimit(1024 * 1024);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            long line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new SweepSpecException(file + ":" + line + ": unreadable YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new SweepSpecException(file + ": unreadable YAML: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new SweepSpecException(
                    file + ": a sweep specification is a YAML mapping (id, variables, command...)");
        }
        for (Object key : map.keySet()) {
            if (!TOP.contains(String.valueOf(key))) {
                throw problem(String.valueOf(key), "unknown field; the fields are " + new java.util.TreeSet<>(TOP));
            }
        }
        String id = string(map, "id", true);
        if (!ID.matcher(id).matches()) {
            throw problem("id", "'" + id + "' is not lower-case letters, digits and '-' (at most 80)");
        }
        String title = string(map, "title", false);
        String experiment = string(map, "experiment", false);
        String phenomenon = string(map, "phenomenon", false);
        if (phenomenon != null && !SLUG.matcher(phenomenon).matches()) {
            throw problem(
                    "phenomenon", "'" + phenomenon + "' is not the slug of a phenomenon (grokking, double-descent...)");
        }
        List<SweepSpec.Variable> variables = variables(map.get("variables"));
        List<Long> seeds = seeds(map.get("seeds"));
        List<String> command = command(map.get("command"), variables);
        Path directory = base;
        String dir = string(map, "directory", false);
        if (dir != null) {
            directory = base.resolve(dir).normalize();
        }
        SweepSpec.Output output = output(map.get("output"));
        SweepSpec.Budget budget = budget(map.get("budget"));
        if (budget.steps() == 0 && command.stream().anyMatch(a -> a.contains("{steps}"))) {
            throw problem("budget.steps", "the command uses {steps} but the budget gives no steps");
        }
        int parallelism = 1;
        if (map.containsKey("parallelism")) {
            parallelism = (int) integer(map.get("parallelism"), "parallelism", 1, 64);
        }
        long cells = seeds.size();
        for (SweepSpec.Variable v : variables) {
            cells *= v.values().size();
        }
        if (cells > MAX_CELLS) {
            throw problem("variables", cells + " cells; a sweep has at most " + MAX_CELLS);
        }
        SweepSpec.Prediction prediction = prediction(map.get("prediction"), variables);
        return new SweepSpec(
                id,
                title == null ? id : title,
                experiment == null ? (title == null ? id : title) : experiment,
                phenomenon,
                variables,
                seeds,
                command,
                directory,
                output,
                budget,
                parallelism,
                prediction,
                text);
    }

    private String string(Map<?, ?> map, String field, boolean required) {
        return string(map, field, field, required);
    }

    private String string(Map<?, ?> map, String key, String field, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw problem(field, "missing");
            }
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw problem(field, "must be text");
        }
        String s = String.valueOf(value).strip();
        if (s.isEmpty()) {
            throw problem(field, "must not be empty");
        }
        if (s.length() > 5000) {
            throw problem(field, "longer than 5000 characters");
        }
        return s;
    }

    private List<SweepSpec.Variable> variables(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw problem(
                    "variables", "missing: a list of controlled variables, each with a name and values or a grid");
        }
        List<SweepSpec.Variable> variables = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "variables[" + (i + 1) + "]";
            if (!(list.get(i) instanceof Map<?, ?> v)) {
                throw problem(field, "must be a mapping with name, values (or grid) and optionally variable");
            }
            for (Object key : v.keySet()) {
                if (!Set.of("name", "variable", "values", "grid").contains(String.valueOf(key))) {
                    throw problem(field + "." + key, "unknown field; the fields are name, variable, values, grid");
                }
            }
            String name = string(v, "name", field + ".name", true);
            if (!NAME.matcher(name).matches()
                    || Set.of("seed", "steps", "out", "cell").contains(name)) {
                throw problem(
                        field + ".name",
                        "'" + name + "' must be letters, digits and '_' (not seed, steps, out or cell)");
            }
            if (!names.add(name)) {
                throw problem(field + ".name", "'" + name + "' is named twice");
            }
            String variable = string(v, "variable", field + ".variable", false);
            if (variable != null && !SLUG.matcher(variable).matches()) {
                throw problem(field + ".variable", "'" + variable + "' is not the slug of an Atlas variable");
            }
            List<BigDecimal> values;
            if (v.containsKey("values") == v.containsKey("grid")) {
                throw problem(field, "give either values (a list) or grid (from, to, count, scale)");
            } else if (v.containsKey("values")) {
                if (!(v.get("values") instanceof List<?> raw) || raw.isEmpty()) {
                    throw problem(field + ".values", "must be a non-empty list of numbers");
                }
                values = new ArrayList<>();
                for (int j = 0; j < raw.size(); j++) {
                    values.add(number(raw.get(j), field + ".values[" + (j + 1) + "]"));
                }
            } else {
                values = grid(v.get("grid"), field + ".grid");
            }
            for (int a = 0; a < values.size(); a++) {
                for (int b = a + 1; b < values.size(); b++) {
                    if (values.get(a).compareTo(values.get(b)) == 0) {
                        throw problem(field + ".values", SweepSpec.plain(values.get(a)) + " is listed twice");
                    }
                }
            }
            variables.add(new SweepSpec.Variable(name, variable, values));
        }
        return variables;
    }

    private List<BigDecimal> grid(Object value, String field) {
        if (!(value instanceof Map<?, ?> g)) {
            throw problem(field, "must be a mapping with from, to, count and scale (linear or log)");
        }
        BigDecimal from = number(g.get("from"), field + ".from");
        BigDecimal to = number(g.get("to"), field + ".to");
        int count = (int) integer(g.get("count"), field + ".count", 1, 1000);
        String scale = g.get("scale") == null ? "linear" : String.valueOf(g.get("scale"));
        if (!scale.equals("linear") && !scale.equals("log")) {
            throw problem(field + ".scale", "'" + scale + "' is neither linear nor log");
        }
        if (scale.equals("log") && (from.signum() <= 0 || to.signum() <= 0)) {
            throw problem(field, "a log grid needs from and to above 0");
        }
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double t = count == 1 ? 0 : (double) i / (count - 1);
            double x = scale.equals("log")
                    ? Math.pow(10, Math.log10(from.doubleValue()) * (1 - t) + Math.log10(to.doubleValue()) * t)
                    : from.doubleValue() * (1 - t) + to.doubleValue() * t;
            values.add(new BigDecimal(x, MathContext.DECIMAL64).round(new MathContext(6)));
        }
        return values;
    }

    private BigDecimal number(Object value, String field) {
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw problem(field, "must be a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                throw problem(field, "'" + s + "' is not a number");
            }
        }
        throw problem(field, value == null ? "missing: a number" : "must be a number");
    }

    private long integer(Object value, String field, long min, long max) {
        BigDecimal n = number(value, field);
        try {
            long v = n.longValueExact();
            if (v < min || v > max) {
                throw problem(field, v + " is not between " + min + " and " + max);
            }
            return v;
        } catch (ArithmeticException e) {
            throw problem(field, SweepSpec.plain(n) + " is not a whole number");
        }
    }

    private List<Long> seeds(Object value) {
        if (value == null) {
            return List.of(0L);
        }
        List<?> list = value instanceof List<?> l ? l : List.of(value);
        if (list.isEmpty()) {
            throw problem("seeds", "must list at least one seed");
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            long seed = integer(list.get(i), "seeds[" + (i + 1) + "]", 0, Integer.MAX_VALUE);
            if (seeds.contains(seed)) {
                throw problem("seeds[" + (i + 1) + "]", seed + " is listed twice");
            }
            seeds.add(seed);
        }
        return seeds;
    }

    private List<String> command(Object value, List<SweepSpec.Variable> variables) {
        List<String> argv = new ArrayList<>();
        if (value instanceof String s) {
            for (String word : s.strip().split("\\s+")) {
                if (!word.isEmpty()) {
                    argv.add(word);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object word = list.get(i);
                if (word == null || word instanceof Map<?, ?> || word instanceof List<?>) {
                    throw problem("command[" + (i + 1) + "]", "must be text");
                }
                argv.add(String.valueOf(word));
            }
        } else {
            throw problem("command", "missing: the command of one cell, as text or a list of arguments");
        }
        if (argv.isEmpty()) {
            throw problem("command", "must not be empty");
        }
        Set<String> known = new LinkedHashSet<>(List.of("seed", "steps", "out", "cell"));
        variables.forEach(v -> known.add(v.name()));
        boolean out = false;
        for (String arg : argv) {
            Matcher m = PLACEHOLDER.matcher(arg);
            while (m.find()) {
                if (!known.contains(m.group(1))) {
                    throw problem("command", "unknown placeholder {" + m.group(1) + "}; known are " + known);
                }
                out |= m.group(1).equals("out");
            }
        }
        if (argv.get(0).contains("{")) {
            throw problem("command", "the program itself cannot be a placeholder");
        }
        if (!out) {
            throw problem("command", "must pass {out}, the file the cell writes");
        }
        for (SweepSpec.Variable v : variables) {
            if (argv.stream().noneMatch(a -> a.contains("{" + v.name() + "}"))) {
                throw problem("command", "does not pass the controlled variable {" + v.name() + "}");
            }
        }
        return argv;
    }

    private SweepSpec.Output output(Object value) {
        if (!(value instanceof Map<?, ?> o)) {
            throw problem("output", "missing: a mapping with file, format and mapping");
        }
        for (Object key : o.keySet()) {
            if (!Set.of("file", "format", "mapping").contains(String.valueOf(key))) {
                throw problem("output." + key, "unknown field; the fields are file, format, mapping");
            }
        }
        String fileName = string(o, "file", "output.file", true);
        if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw problem("output.file", "'" + fileName + "' must be a plain file name inside the cell's folder");
        }
        String format = string(o, "format", "output.format", false);
        if (format != null) {
            try {
                ImportFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw problem("output.format", e.getMessage());
            }
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        if (o.get("mapping") != null) {
            if (!(o.get("mapping") instanceof Map<?, ?> m)) {
                throw problem("output.mapping", "must map metric keys to observables (test_acc: test-accuracy)");
            }
            m.forEach((k, v) -> mapping.put(String.valueOf(k), String.valueOf(v)));
            try {
                new ObservableMapping(mapping);
            } catch (IllegalArgumentException e) {
                throw problem("output.mapping", e.getMessage());
            }
        }
        return new SweepSpec.Output(fileName, format == null ? "auto" : format, mapping);
    }

    private SweepSpec.Budget budget(Object value) {
        if (!(value instanceof Map<?, ?> b)) {
            throw problem("budget", "missing: a mapping with steps and wall-time (such as 10m) per run");
        }
        for (Object key : b.keySet()) {
            if (!Set.of("steps", "wall-time").contains(String.valueOf(key))) {
                throw problem("budget." + key, "unknown field; the fields are steps, wall-time");
            }
        }
        long steps = b.get("steps") == null ? 0 : integer(b.get("steps"), "budget.steps", 1, 1_000_000_000_000L);
        String wall = string(b, "wall-time", "budget.wall-time", true);
        Matcher m = Pattern.compile("(\\d{1,7})\\s*(s|m|h)?").matcher(wall.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw problem("budget.wall-time", "'" + wall + "' is not a duration such as 90s, 10m or 2h");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw problem("budget.wall-time", "must be above 0");
        }
        return new SweepSpec.Budget(steps, d);
    }

    private SweepSpec.Prediction prediction(Object value, List<SweepSpec.Variable> variables) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> p)) {
            throw problem("prediction", "must be a mapping with author, statement and phases");
        }
        for (Object key : p.keySet()) {
            if (!Set.of("author", "statement", "phases", "minimum-agreement").contains(String.valueOf(key))) {
                throw problem(
                        "prediction." + key,
                        "unknown field; the fields are author, statement, phases, minimum-agreement");
            }
        }
        String author = string(p, "author", "prediction.author", true);
        String statement = string(p, "statement", "prediction.statement", true);
        double minimum = 1.0;
        if (p.get("minimum-agreement") != null) {
            minimum = number(p.get("minimum-agreement"), "prediction.minimum-agreement")
                    .doubleValue();
            if (minimum < 0 || minimum > 1) {
                throw problem("prediction.minimum-agreement", "must lie between 0 and 1");
            }
        }
        if (!(p.get("phases") instanceof List<?> list) || list.isEmpty()) {
            throw problem("prediction.phases", "missing: a list of settings with the phase expected there");
        }
        Map<String, SweepSpec.Variable> byName = new LinkedHashMap<>();
        variables.forEach(v -> byName.put(v.name(), v));
        List<SweepSpec.PhaseRule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "prediction.phases[" + (i + 1) + "]";
            if (!(list.get(i) instanceof Map<?, ?> r)) {
                throw problem(field, "must map variable names to values, and phase to the expected phase");
            }
            String phase = string(r, "phase", field + ".phase", true).toLowerCase(Locale.ROOT);
            if (java.util.Arrays.stream(LearningPhase.values())
                    .noneMatch(ph -> ph.label().equals(phase))) {
                throw problem(
                        field + ".phase", "'" + phase + "' is not comprehension, grokking, memorization or confusion");
            }
            Map<String, BigDecimal> settings = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : r.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("phase")) {
                    continue;
                }
                SweepSpec.Variable v = byName.get(key);
                if (v == null) {
                    throw problem(field + "." + key, "not a controlled variable; they are " + byName.keySet());
                }
                BigDecimal x = number(e.getValue(), field + "." + key);
                if (v.values().stream().noneMatch(y -> y.compareTo(x) == 0)) {
                    throw problem(field + "." + key, SweepSpec.plain(x) + " is not one of its values in the grid");
                }
                settings.put(key, x);
            }
            rules.add(new SweepSpec.PhaseRule(settings, phase));
        }
        return new SweepSpec.Prediction(author, statement, rules, minimum);
    }
}
