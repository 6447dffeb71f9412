package org.physicsofai.atlas.sweep;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep: the controlled variables with their values and the seeds, the command that runs one cell,
 * what it writes and how its metrics map to observables, the budget of a run, the parallelism and an
 * optional prediction. Read from YAML by {@link SweepSpecParser}.
 *
 * @param id the sweep's name in the data directory and in IRIs (lower-case letters, digits, {@code -})
 * @param title what the sweep is, in words
 * @param experiment the label of the experiment its runs are placed in
 * @param phenomenon the slug of the phenomenon studied ({@code grokking}), or {@code null}
 * @param variables the controlled variables, in the order of the grid
 * @param seeds the seeds every grid point is run with
 * @param command the command of one cell as an argument list with {@code {name}} placeholders
 * @param directory the folder the command runs in
 * @param output what one cell writes
 * @param budget the limits of one run
 * @param parallelism how many cells run at once
 * @param prediction the prediction to lock before the first run, or {@code null}
 * @param text the YAML as read
 */
public record SweepSpec(
        String id,
        String title,
        String experiment,
        String phenomenon,
        List<Variable> variables,
        List<Long> seeds,
        List<String> command,
        Path directory,
        Output output,
        Budget budget,
        int parallelism,
        Prediction prediction,
        String text) {

    public SweepSpec {
        Objects.requireNonNull(id, "id");
        variables = List.copyOf(variables);
        seeds = List.copyOf(seeds);
        command = List.copyOf(command);
    }

    /**
     * One controlled variable.
     *
     * @param name its placeholder in the command ({@code lr})
     * @param variable the slug of the Atlas variable it sets ({@code decoder-learning-rate}), or {@code null}
     * @param values its values in the grid, in order
     */
    public record Variable(String name, String variable, List<BigDecimal> values) {
        public Variable {
            values = List.copyOf(values);
        }
    }

    /**
     * @param file the file a cell writes, relative to its folder ({@code {cell}} stands for the cell's key)
     * @param format the importer format name ({@code csv}, {@code jsonl}...)
     * @param mapping metric key to observable, as for an import
     */
    public record Output(String file, String format, Map<String, String> mapping) {
        public Output {
            mapping = Map.copyOf(mapping);
        }
    }

    /**
     * @param steps the training steps of one run ({@code {steps}} in the command), or 0 when not given
     * @param wallTime the longest a run may take before it is stopped and counted as failed
     */
    public record Budget(long steps, Duration wallTime) {}

    /**
     * A prediction of the phase in each cell.
     *
     * @param author who makes it
     * @param statement the claim in words
     * @param phases per cell: the settings that select it (variable name to value, a subset is allowed) and
     *     the expected phase
     * @param minimumAgreement the share of cells that must agree for the score to support the claim
     */
    public record Prediction(String author, String statement, List<PhaseRule> phases, double minimumAgreement) {
        public Prediction {
            phases = List.copyOf(phases);
        }
    }

    /** The expected phase of the cells whose settings match. */
    public record PhaseRule(Map<String, BigDecimal> settings, String phase) {
        public PhaseRule {
            settings = Map.copyOf(settings);
        }

        boolean matches(Cell cell) {
            return settings.entrySet().stream().allMatch(e -> {
                BigDecimal value = cell.settings().get(e.getKey());
                return value != null && value.compareTo(e.getValue()) == 0;
            });
        }
    }

    /**
     * One cell of the grid.
     *
     * @param key its name in folders and IRIs ({@code lr-0.001_weight_decay-0_seed-0})
     * @param settings variable name to value, in the grid's order
     * @param seed the seed
     */
    public record Cell(String key, Map<String, BigDecimal> settings, long seed) {
        public Cell {
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** The settings as words: {@code lr=0.001, weight_decay=0, seed=0}. */
        public String label() {
            List<String> parts = new ArrayList<>();
            settings.forEach((k, v) -> parts.add(k + "=" + plain(v)));
            parts.add("seed=" + seed);
            return String.join(", ", parts);
        }
    }

    /** Every cell: the product of the variables' values, for every seed, the last variable varying fastest. */
    public List<Cell> cells() {
        List<Map<String, BigDecimal>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Variable v : variables) {
            List<Map<String, BigDecimal>> next = new ArrayList<>();
            for (Map<String, BigDecimal> point : points) {
                for (BigDecimal value : v.values()) {
                    Map<String, BigDecimal> p = new LinkedHashMap<>(point);
                    p.put(v.name(), value);
                    next.add(p);
                }
            }
            points = next;
        }
        List<Cell> cells = new ArrayList<>();
        for (Map<String, BigDecimal> point : points) {
            for (long seed : seeds) {
                StringBuilder key = new StringBuilder();
                point.forEach(
                        (k, v) -> key.append(k).append('-').append(plain(v)).append('_'));
                key.append("seed-").append(seed);
                cells.add(new Cell(key.toString(), point, seed));
            }
        }
        return cells;
    }

    /** The expected phase of a cell, or {@code null} if the prediction says nothing about it. */
    public String expectedPhase(Cell cell) {
        if (prediction == null) {
            return null;
        }
        return prediction.phases().stream()
                .filter(r -> r.matches(cell))
                .map(PhaseRule::phase)
                .findFirst()
                .orElse(null);
    }

    /** A number as written plainly: {@code 0.001}, {@code 5}, {@code 10000}. */
    public static String plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }

    /**
     * The argument list of one cell: each placeholder ({@code {lr}}, {@code {seed}}, {@code {steps}},
     * {@code {out}}, {@code {cell}}) replaced inside its own argument, so that a value never becomes
     * several arguments and never reaches a shell.
     */
    public List<String> argv(Cell cell, Path out) {
        Map<String, String> values = new LinkedHashMap<>();
        cell.settings().forEach((k, v) -> values.put(k, plain(v)));
        values.put("seed", Long.toString(cell.seed()));
        values.put("steps", Long.toString(budget.steps()));
        values.put("out", out.toString());
        values.put("cell", cell.key());
        List<String> argv = new ArrayList<>();
        for (String arg : command) {
            String result = arg;
            for (Map.Entry<String, String> e : values.entrySet()) {
                result = result.replace("{" + e.getKey() + "}", e.getValue());
            }
            argv.add(result);
        }
        return argv;
    }

    /** The file one cell writes, relative to its folder. */
    public String outputFile(Cell cell) {
        return output.file().replace("{cell}", cell.key());
    }
}
