package org.physicsofai.atlas.web.search;

import java.util.LinkedHashMap;
import java.util.Map;

/** The type listings: the path of each listing page and the class (local name) it lists, in reading order. */
public final class Listings {

    /** Path segment to class local name, such as {@code phenomena -> Phenomenon}. */
    public static final Map<String, String> TYPE_BY_PATH;

    /** Class local name to path segment, such as {@code Phenomenon -> phenomena}. */
    public static final Map<String, String> PATH_BY_TYPE;

    static {
        Map<String, String> byPath = new LinkedHashMap<>();
        byPath.put("phenomena", "Phenomenon");
        byPath.put("observables", "Observable");
        byPath.put("experiments", "Experiment");
        byPath.put("runs", "Run");
        byPath.put("models", "Model");
        byPath.put("claims", "Claim");
        byPath.put("laws", "Law");
        byPath.put("sources", "Source");
        Map<String, String> byType = new LinkedHashMap<>();
        byPath.forEach((path, type) -> byType.put(type, path));
        TYPE_BY_PATH = java.util.Collections.unmodifiableMap(byPath);
        PATH_BY_TYPE = java.util.Collections.unmodifiableMap(byType);
    }

    private Listings() {}
}
