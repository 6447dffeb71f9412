package org.physicsofai.atlas.importers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run as a reader found it.
 *
 * @param key identifies the run across imports (an MLflow run id, a hash of the first log record...);
 *     letters, digits and {@code -} only
 * @param label the name to show
 * @param experiment the experiment the log groups it in, or {@code null} to use the import's default
 * @param status running, scheduled, finished, failed or killed, or {@code null} if the log does not say
 * @param started when the run started, or {@code null}
 * @param ended when the run ended, or {@code null}
 * @param config configuration values (String, Long, Double, Boolean or {@link ConfigValues.NotSet}),
 *     flattened with {@code .}
 * @param metrics the logged series
 * @param files every file read for the run
 * @param summary final values the tool reported apart from the series (W&amp;B's summary), or {@code null}
 */
public record RunData(
        String key,
        String label,
        ExperimentRef experiment,
        String status,
        Instant started,
        Instant ended,
        Map<String, Object> config,
        List<MetricData> metrics,
        List<LogFileRef> files,
        Summary summary) {

    public RunData {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        if (!key.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("A run key is lower-case letters, digits and '-': " + key);
        }
        config = Map.copyOf(config);
        metrics = List.copyOf(metrics);
        files = List.copyOf(files);
    }

    /**
     * Final values a tool reported for a run, such as W&amp;B's {@code wandb-summary.json}.
     *
     * @param step the step they were reported at
     * @param values metric key to value
     */
    public record Summary(long step, Map<String, Double> values) {
        public Summary {
            values = Map.copyOf(values);
        }
    }

    /**
     * An experiment a log names.
     *
     * @param key identifies it across imports (letters, digits and {@code -})
     * @param label its name
     */
    public record ExperimentRef(String key, String label) {}
}
