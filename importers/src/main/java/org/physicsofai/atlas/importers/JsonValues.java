package org.physicsofai.atlas.importers;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as Python writes it ({@code NaN} and {@code Infinity} allowed), flattened into dotted keys.
 */
public final class JsonValues {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonValues() {}

    /** The parsed text, or {@code null} with the reason in {@code problem[0]}. */
    public static JsonNode parse(String text, String[] problem) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            problem[0] = "unreadable JSON: " + e.getOriginalMessage();
            return null;
        }
    }

    /**
     * Numbers and booleans of an object, nested objects flattened with {@code .}; W&amp;B media
     * objects (with a {@code _type}) and text are left out and counted in {@code leftOut[0]}.
     */
    public static Map<String, Object> flatten(JsonNode object, int[] leftOut) {
        Map<String, Object> flat = new TreeMap<>();
        flatten("", object, flat, leftOut);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> flat, int[] leftOut) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                if (value.has("_type")) {
                    leftOut[0]++;
                } else {
                    flatten(key + ".", value, flat, leftOut);
                }
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                flat.put(key, value.longValue());
            } else if (value.isNumber()) {
                flat.put(key, value.doubleValue());
            } else if (value.isBoolean()) {
                flat.put(key, value.booleanValue());
            } else if (value.isString()) {
                flat.put(key, value.stringValue());
            } else if (!value.isNull()) {
                leftOut[0]++;
            }
        }
    }
}
