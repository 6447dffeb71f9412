package org.physicsofai.atlas.trace;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link TraceRequest}.
 *
 * @param paths at most k paths in path order; empty if none exists within the hop limit
 * @param types the types of every node on the paths (class IRIs, sorted)
 */
public record TraceResult(TraceRequest request, List<TracePath> paths, Map<String, List<String>> types) {

    public TraceResult {
        paths = List.copyOf(paths);
        types = Map.copyOf(types);
    }
}
