package org.physicsofai.atlas.importers.table;

import java.util.List;
import java.util.Locale;

/** Which column of a log is the step and which is the wall time. */
public final class Columns {

    /** Step columns, most specific first. */
    public static final List<String> STEP =
            List.of("step", "_step", "global_step", "trainer/global_step", "iteration", "iter", "it", "epoch");

    /** Wall-time columns, in seconds since the epoch. */
    public static final List<String> WALL_TIME = List.of("_timestamp", "timestamp", "wall_time", "walltime");

    /** Bookkeeping columns that are neither the step nor a metric. */
    public static final List<String> BOOKKEEPING = List.of("_runtime", "_wandb.runtime", "time", "datetime", "date");

    private Columns() {}

    /** The index of the first name of {@code wanted} found in {@code names} (case-insensitive), or -1. */
    public static int find(List<String> names, List<String> wanted) {
        for (String w : wanted) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).strip().toLowerCase(Locale.ROOT).equals(w)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
