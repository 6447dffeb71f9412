package org.physicsofai.atlas.series;

import java.util.Arrays;
import java.util.Objects;

/**
 * Points of one series in columns, in the order they were logged: step, value and wall time
 * (seconds since the epoch, {@code NaN} when the log has none). Values may be {@code NaN} or
 * infinite, as training code writes them. Build one with {@link Builder}; the arrays are not copied,
 * so callers treat them as read-only.
 */
public record SeriesData(long[] steps, double[] values, double[] wallTimes, int size) {

    public static final SeriesData EMPTY = new SeriesData(new long[0], new double[0], new double[0], 0);

    public SeriesData {
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(wallTimes, "wallTimes");
        if (size < 0 || steps.length < size || values.length < size || wallTimes.length < size) {
            throw new IllegalArgumentException("size " + size + " exceeds the columns");
        }
    }

    public long step(int i) {
        return steps[check(i)];
    }

    public double value(int i) {
        return values[check(i)];
    }

    public double wallTime(int i) {
        return wallTimes[check(i)];
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The first {@code n} points. */
    public SeriesData prefix(int n) {
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("prefix " + n + " of " + size + " points");
        }
        return new SeriesData(steps, values, wallTimes, n);
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return i;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesData o
                && size == o.size
                && Arrays.equals(steps, 0, size, o.steps, 0, size)
                && Arrays.equals(values, 0, size, o.values, 0, size)
                && Arrays.equals(wallTimes, 0, size, o.wallTimes, 0, size);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(steps[i]) + 7 * Double.hashCode(values[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        return "SeriesData[" + size + " points]";
    }

    /** Collects points one by one into growing columns. */
    public static final class Builder {
        private long[] steps;
        private double[] values;
        private double[] wallTimes;
        private int size;

        public Builder() {
            this(16);
        }

        public Builder(int capacity) {
            int c = Math.max(4, capacity);
            steps = new long[c];
            values = new double[c];
            wallTimes = new double[c];
        }

        public Builder add(long step, double value, double wallTime) {
            if (size == steps.length) {
                int c = size * 2;
                steps = Arrays.copyOf(steps, c);
                values = Arrays.copyOf(values, c);
                wallTimes = Arrays.copyOf(wallTimes, c);
            }
            steps[size] = step;
            values[size] = value;
            wallTimes[size] = wallTime;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        /**
         * The points collected, in columns of exactly their number: the builder's own columns when they
         * are full (a later {@link #add} moves the builder to new ones), copies otherwise.
         */
        public SeriesData build() {
            if (size == steps.length) {
                return new SeriesData(steps, values, wallTimes, size);
            }
            return new SeriesData(
                    Arrays.copyOf(steps, size), Arrays.copyOf(values, size), Arrays.copyOf(wallTimes, size), size);
        }
    }
}
