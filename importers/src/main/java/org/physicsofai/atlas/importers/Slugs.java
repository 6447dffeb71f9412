package org.physicsofai.atlas.importers;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.physicsofai.atlas.store.ContentHash;

/** IRI path segments from names as logs write them. */
public final class Slugs {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private Slugs() {}

    /**
     * A path segment for a name: the name itself if it is already safe in an IRI, otherwise its safe
     * characters followed by a short digest of the exact name, so that {@code val/acc} and {@code
     * val_acc} never share a segment.
     */
    public static String segment(String name) {
        if (SAFE.matcher(name).matches() && !name.contains("--") && name.length() <= 120) {
            return name;
        }
        String cleaned = name.replaceAll("[^A-Za-z0-9._]+", "-").replaceAll("^[-.]+|-+$", "");
        if (cleaned.length() > 80) {
            cleaned = cleaned.substring(0, 80);
        }
        cleaned = cleaned.replace("--", "-");
        return (cleaned.isEmpty() ? "x" : cleaned) + "-" + digest(name, 8);
    }

    /** A lower-case key of letters, digits and single dashes, such as a run key. */
    public static String key(String prefix, String text) {
        String cleaned =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return prefix + "-" + (cleaned.isEmpty() ? "x" : cleaned);
    }

    /** The first {@code hexDigits} hex digits of the SHA-256 of the text. */
    public static String digest(String text, int hexDigits) {
        return ContentHash.ofBytes(text.getBytes(StandardCharsets.UTF_8)).substring(7, 7 + hexDigits);
    }
}
