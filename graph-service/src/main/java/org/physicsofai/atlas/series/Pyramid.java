package org.physicsofai.atlas.series;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Precomputed extremes of a series for fast plots: at level {@code k} the points are cut into blocks
 * of {@code 2^k} consecutive points and each block keeps the index of its lowest and its highest
 * value (the first one on ties; NaN values are passed over unless the whole block is NaN). A plot of
 * at most N points reads the coarsest level with few enough blocks instead of scanning the series.
 */
final class Pyramid {

    /** The finest level stored: blocks of 8 points. Shorter series are plotted from their points. */
    static final int FIRST_LEVEL = 3;

    /**
     * Series of at most this many points keep no stored blocks: their plots are computed from their
     * points by {@link #plot}, which reads fewer rows than the blocks would take to write.
     */
    static final int STORED_ABOVE = 4096;

    /** Level -1 holds the whole series' first/last (block 0) and lowest/highest (block 1) points. */
    static final int EXTREMES_LEVEL = -1;

    private Pyramid() {}

    /** Receives one block: its level, number and the indexes of its lowest and highest points. */
    interface BlockSink {
        void block(int level, int block, int lowIndex, int highIndex);
    }

    /** Computes every level whose blocks are shorter than the series, finest first, then the extremes. */
    static void compute(SeriesData data, BlockSink sink) {
        int n = data.size();
        if (n == 0) {
            return;
        }
        double[] v = data.values();
        int blocks = (n + 7) >>> 3;
        int[] lo = new int[blocks];
        int[] hi = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            int from = b << 3;
            int to = Math.min(n, from + 8);
            int l = from;
            int h = from;
            for (int i = from + 1; i < to; i++) {
                if (lower(v, i, l)) {
                    l = i;
                }
                if (higher(v, i, h)) {
                    h = i;
                }
            }
            lo[b] = l;
            hi[b] = h;
        }
        int level = FIRST_LEVEL;
        while ((1L << level) < n) {
            for (int b = 0; b < blocks; b++) {
                sink.block(level, b, lo[b], hi[b]);
            }
            int next = (blocks + 1) >>> 1;
            for (int b = 0; b < next; b++) {
                int a = 2 * b;
                int c = a + 1;
                if (c < blocks) {
                    lo[b] = lower(v, lo[c], lo[a]) ? lo[c] : lo[a];
                    hi[b] = higher(v, hi[c], hi[a]) ? hi[c] : hi[a];
                } else {
                    lo[b] = lo[a];
                    hi[b] = hi[a];
                }
            }
            blocks = next;
            level++;
        }
        int low = 0;
        int high = 0;
        for (int i = 1; i < n; i++) {
            if (lower(v, i, low)) {
                low = i;
            }
            if (higher(v, i, high)) {
                high = i;
            }
        }
        sink.block(EXTREMES_LEVEL, 0, 0, n - 1);
        sink.block(EXTREMES_LEVEL, 1, low, high);
    }

    /**
     * The plot of a series computed from all its points, by the rule the stored blocks follow: the
     * first, last, lowest and highest points, the point at (or nearest to, the first on ties) each
     * step in {@code keepSteps}, then the blocks of the finest level that fits what is left.
     */
    static SeriesData plot(SeriesData data, int maxPoints, Collection<Long> keepSteps) {
        Map<Integer, List<int[]>> levels = new HashMap<>();
        compute(
                data,
                (level, block, low, high) ->
                        levels.computeIfAbsent(level, l -> new ArrayList<>()).add(new int[] {low, high}));
        TreeSet<Integer> kept = new TreeSet<>();
        levels.getOrDefault(EXTREMES_LEVEL, List.of()).forEach(b -> {
            kept.add(b[0]);
            kept.add(b[1]);
        });
        for (long step : keepSteps) {
            int nearest = -1;
            for (int i = 0; i < data.size(); i++) {
                if (nearest < 0 || Math.abs(data.step(i) - step) < Math.abs(data.step(nearest) - step)) {
                    nearest = i;
                }
            }
            if (nearest >= 0) {
                kept.add(nearest);
            }
        }
        int level = levelFor(data.size(), maxPoints - kept.size());
        levels.getOrDefault(level, List.of()).forEach(b -> {
            kept.add(b[0]);
            kept.add(b[1]);
        });
        SeriesData.Builder out = new SeriesData.Builder(kept.size());
        kept.forEach(i -> out.add(data.step(i), data.value(i), data.wallTime(i)));
        return out.build();
    }

    /** The level to plot {@code n} points with at most {@code budget} bucket points, or -1 if none fits. */
    static int levelFor(long n, int budget) {
        for (int level = FIRST_LEVEL; level < 62; level++) {
            long blocks = (n + (1L << level) - 1) >>> level;
            if (2 * blocks <= budget) {
                return (1L << level) < n ? level : -1;
            }
        }
        return -1;
    }

    /** Whether point i is a better minimum than the current one (a later index wins only if strictly lower). */
    private static boolean lower(double[] v, int i, int current) {
        double a = v[i];
        double b = v[current];
        if (Double.isNaN(a)) {
            return false;
        }
        return Double.isNaN(b) || a < b || (a == b && i < current);
    }

    private static boolean higher(double[] v, int i, int current) {
        double a = v[i];
        double b = v[current];
        if (Double.isNaN(a)) {
            return false;
        }
        return Double.isNaN(b) || a > b || (a == b && i < current);
    }
}
