package org.physicsofai.atlas.importers;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/** Turns configuration as logs hold it into typed, flat key-value pairs. */
public final class ConfigValues {

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile(
            "[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?|[-+]?(inf|nan|infinity)", Pattern.CASE_INSENSITIVE);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConfigValues() {}

    /**
     * The value of a setting the training code recorded without a value ({@code None}, {@code null}): the
     * setting is kept, with {@code atlas:valueNotSet true} instead of a value.
     */
    public enum NotSet {
        VALUE;

        @Override
        public String toString() {
            return "null";
        }
    }

    /** The value of text written by a tool that stores everything as strings (MLflow params). */
    public static Object typed(String text) {
        String t = text.strip();
        if (INTEGER.matcher(t).matches()) {
            return Long.parseLong(t);
        }
        if (DECIMAL.matcher(t).matches()) {
            return Numbers.parseDouble(t);
        }
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        return text;
    }

    /**
     * Flattens nested maps into {@code a.b.c} keys; numbers become Long or Double, lists and other
     * values JSON text; {@code null} values become {@link NotSet#VALUE}.
     */
    public static Map<String, Object> flatten(Map<?, ?> config) {
        Map<String, Object> flat = new TreeMap<>();
        flatten("", config, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> flat) {
        map.forEach((k, v) -> {
            String key = prefix + k;
            switch (v) {
                case null -> flat.put(key, NotSet.VALUE);
                case Map<?, ?> nested -> flatten(key + ".", nested, flat);
                case Integer i -> flat.put(key, i.longValue());
                case Long l -> flat.put(key, l);
                case java.math.BigInteger b -> flat.put(key, b.toString());
                case Number n -> flat.put(key, n.doubleValue());
                case Boolean b -> flat.put(key, b);
                case String s -> flat.put(key, s);
                case List<?> list -> flat.put(key, JSON.writeValueAsString(list));
                default -> flat.put(key, String.valueOf(v));
            }
        });
    }
}
