package org.physicsofai.atlas.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Measured values (milliseconds, or items per second), with the statistics the reports give. */
public final class Samples {

    private final List<Double> values = new ArrayList<>();

    public void add(double value) {
        values.add(value);
    }

    public void addAll(Samples other) {
        values.addAll(other.values);
    }

    public int size() {
        return values.size();
    }

    public double percentile(double p) {
        if (values.isEmpty()) {
            throw new IllegalStateException("No samples");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public double median() {
        return percentile(50);
    }

    public double p95() {
        return percentile(95);
    }

    public double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    public double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** Times an action in milliseconds. */
    public static double millis(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
