package org.physicsofai.atlas.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic training logs: one CSV file per run ({@code step,_timestamp,loss,grad_norm,...}), noisy
 * curves of a plain shape (decaying at a rate of their own per run, or rising as they fall), readable
 * by the Atlas's CSV importer. No accuracy columns: the grokking detector, which runs after every
 * import, is not what these logs are for.
 */
public final class SyntheticLogs {

    private SyntheticLogs() {}

    /**
     * Writes {@code runs} CSV files of {@code metrics} metrics and {@code steps} steps each.
     *
     * @return the number of points written
     */
    public static long writeCsv(Path directory, int runs, int metrics, int steps, long seed) throws IOException {
        if (metrics < 1 || metrics > 20 || steps < 1 || runs < 1) {
            throw new IllegalArgumentException("runs >= 1, metrics 1 to 20, steps >= 1");
        }
        Files.createDirectories(directory);
        SplittableRandom random = new SplittableRandom(seed);
        String[] names = {"loss", "grad_norm", "val_loss", "weight_norm", "learning_rate", "perplexity", "entropy"};
        long points = 0;
        for (int run = 0; run < runs; run++) {
            try (BufferedWriter out = Files.newBufferedWriter(directory.resolve("run-" + run + ".csv"))) {
                StringBuilder header = new StringBuilder("step,_timestamp");
                for (int m = 0; m < metrics; m++) {
                    header.append(',').append(m < names.length ? names[m] : "metric_" + m);
                }
                out.write(header.append('\n').toString());
                double rate = 2 + 4 * random.nextDouble();
                long time = 1_700_000_000L + run * 86_400L;
                for (int step = 0; step < steps; step++) {
                    double x = step / (double) steps;
                    StringBuilder line =
                            new StringBuilder().append(step).append(',').append(time + step);
                    for (int m = 0; m < metrics; m++) {
                        double noise = 0.02 * random.nextGaussian();
                        double value = (m % 2 == 0) ? Math.exp(-rate * x) + noise : 1 - Math.exp(-rate * x) + noise;
                        line.append(',').append(String.format(Locale.ROOT, "%.6f", value));
                    }
                    out.write(line.append('\n').toString());
                    points += metrics;
                }
            }
        }
        return points;
    }
}
