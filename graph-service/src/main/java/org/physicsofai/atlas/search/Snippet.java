package org.physicsofai.atlas.search;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A passage of an entity's text cut into parts, some of them marked as matching the query. Pages
 * render the parts as text and wrap matching ones in their own {@code <mark>} elements, so the text
 * itself never reaches the page as markup.
 */
public record Snippet(List<Part> parts) {

    public static final Snippet EMPTY = new Snippet(List.of());

    public Snippet {
        parts = List.copyOf(parts);
    }

    /** @param match whether this part matched the query */
    public record Part(String text, boolean match) {}

    public String text() {
        return parts.stream().map(Part::text).collect(Collectors.joining());
    }

    /** The passage as HTML: the text escaped, the matching parts in {@code <mark>} elements. */
    public String html() {
        return parts.stream()
                .map(p -> p.match() ? "<mark>" + escape(p.text()) + "</mark>" : escape(p.text()))
                .collect(Collectors.joining());
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
