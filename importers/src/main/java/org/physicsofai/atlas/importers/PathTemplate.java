package org.physicsofai.atlas.importers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the names of run folders (or log files) say about a run's configuration, in the user's words:
 * {@code Exp_{index}_{optimizer}_{width}_{dropout}} matched against {@code Exp_3_adam_64_0.2} gives
 * {@code index = 3}, {@code optimizer = adam}, {@code width = 64}, {@code dropout = 0.2}, typed like
 * every other setting (integer, decimal, boolean, text). A template matches one whole folder or file
 * name (without its extension); the run's own folder is tried first, then its parents. {@code {_}}
 * matches without keeping the value. Each field but an index ({@code index}, {@code idx}, {@code id},
 * {@code run}, {@code trial}) is a variable the experiment varies when its runs take more than one value.
 */
public final class PathTemplate {

    /** Fields that number the runs rather than set them up. */
    public static final Set<String> INDEX_FIELDS = Set.of("index", "idx", "id", "run", "trial");

    private static final Pattern FIELD = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}");

    private final String text;
    private final Pattern pattern;
    private final List<String> fields;

    private PathTemplate(String text, Pattern pattern, List<String> fields) {
        this.text = text;
        this.pattern = pattern;
        this.fields = List.copyOf(fields);
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the template
     */
    public static PathTemplate parse(String template) {
        String t = template == null ? "" : template.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("The path template is empty");
        }
        if (t.length() > 300) {
            throw new IllegalArgumentException("The path template is longer than 300 characters");
        }
        if (t.contains("/") || t.contains("\\")) {
            throw new IllegalArgumentException("A path template matches one folder or file name, without '/': " + t);
        }
        StringBuilder regex = new StringBuilder();
        List<String> fields = new ArrayList<>();
        Matcher m = FIELD.matcher(t);
        int at = 0;
        boolean lastWasField = false;
        while (m.find()) {
            String literal = t.substring(at, m.start());
            if (literal.contains("{") || literal.contains("}")) {
                throw new IllegalArgumentException("Unbalanced braces in the path template: " + t);
            }
            if (literal.isEmpty() && lastWasField) {
                throw new IllegalArgumentException(
                        "Two fields of the path template need something between them to tell them apart: " + t);
            }
            regex.append(Pattern.quote(literal));
            String name = m.group(1).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'{" + m.group(1) + "}' in the path template is not a field name"
                        + " (letters, digits, '_', '.', '-', starting with a letter or '_')");
            }
            if (!name.equals("_") && fields.contains(name)) {
                throw new IllegalArgumentException("The field {" + name + "} appears twice in the path template");
            }
            fields.add(name);
            regex.append("(.+?)");
            at = m.end();
            lastWasField = true;
        }
        String rest = t.substring(at);
        if (rest.contains("{") || rest.contains("}")) {
            throw new IllegalArgumentException("Unbalanced braces in the path template: " + t);
        }
        regex.append(Pattern.quote(rest));
        if (fields.stream().allMatch("_"::equals)) {
            throw new IllegalArgumentException("The path template names no field, such as {width}: " + t);
        }
        return new PathTemplate(t, Pattern.compile(regex.toString()), fields);
    }

    /** The template as given. */
    public String text() {
        return text;
    }

    /** The fields whose values are kept, in template order. */
    public List<String> fields() {
        return fields.stream().filter(f -> !f.equals("_")).toList();
    }

    /** Whether a field numbers the runs instead of setting them up. */
    public static boolean isIndex(String field) {
        return INDEX_FIELDS.contains(field.toLowerCase(Locale.ROOT));
    }

    /**
     * The typed values of the first name that matches, trying the names from the last (the run's own
     * folder or file) to the first; empty when none does.
     *
     * @param names folder names from the imported root down to the run, then the log file's name if any
     */
    public Map<String, Object> match(List<String> names) {
        for (int i = names.size() - 1; i >= 0; i--) {
            Map<String, Object> values = match(names.get(i));
            if (!values.isEmpty()) {
                return values;
            }
        }
        return Map.of();
    }

    /** The typed values of one folder name or file name without its extension, or empty. */
    public Map<String, Object> match(String name) {
        Matcher m = pattern.matcher(name);
        if (!m.matches()) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int g = 0; g < fields.size(); g++) {
            if (!fields.get(g).equals("_")) {
                values.put(fields.get(g), ConfigValues.typed(m.group(g + 1)));
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return text;
    }
}
