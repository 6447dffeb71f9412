package org.physicsofai.atlas.search;

import java.util.Objects;

/**
 * A full-text search.
 *
 * @param text what the user typed: words, {@code "quoted phrases"}, an arXiv id or a DOI
 * @param type only entities of this class (local name such as {@code Phenomenon}), or {@code null}
 * @param limit at most this many hits, 1 to {@value #MAX_LIMIT}
 * @param offset skip this many hits first, 0 to {@value #MAX_OFFSET}
 * @param language the reader's language ({@code en} or {@code zh}) for labels and snippets
 */
public record SearchQuery(String text, String type, int limit, int offset, String language) {

    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;
    public static final int MAX_TEXT = 500;

    public SearchQuery {
        Objects.requireNonNull(text, "text");
        text = text.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("q: give some words to search for");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("q: at most " + MAX_TEXT + " characters, got " + text.length());
        }
        type = type == null || type.isBlank() ? null : SearchIndex.type(type);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset: must be between 0 and " + MAX_OFFSET + ", got " + offset);
        }
        language = "zh".equals(language) ? "zh" : "en";
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, null, 10, 0, "en");
    }
}
