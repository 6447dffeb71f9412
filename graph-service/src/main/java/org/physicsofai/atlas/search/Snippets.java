package org.physicsofai.atlas.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Cuts a passage from each hit's prose (definition, statement, alternative names) and marks the
 * words the query matched. Terms of any field count, so a word found in a label is marked in the
 * definition too.
 */
final class Snippets extends UnifiedHighlighter {

    /** A passage longer than this is cut to a window around its first match. */
    static final int MAX_CHARS = 240;

    private static final char SEPARATOR = '\u2029';

    private Snippets(Builder builder) {
        super(builder);
    }

    static Snippets of(IndexSearcher searcher, Analyzer analyzer) {
        return new Snippets(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new Formatter())
                .withFieldMatcher(field -> true)
                .withMaxNoHighlightPassages(1)
                .withHandleMultiTermQuery(true)
                .withHighlightPhrasesStrictly(false));
    }

    /**
     * The best snippet of each document: from the first field (in the reader's order) with a match,
     * else the start of the first field with text.
     */
    List<Snippet> snippets(Query query, int[] docIds, List<String> fields) throws IOException {
        String[] names = fields.toArray(String[]::new);
        int[] passages = new int[names.length];
        java.util.Arrays.fill(passages, 1);
        Map<String, Object[]> byField = highlightFieldsAsObjects(names, query, docIds, passages);
        List<Snippet> result = new ArrayList<>(docIds.length);
        for (int i = 0; i < docIds.length; i++) {
            Snippet best = null;
            Snippet fallback = null;
            for (String field : names) {
                Object value = byField.get(field)[i];
                if (value instanceof Snippet s && !s.isEmpty()) {
                    if (s.parts().stream().anyMatch(Snippet.Part::match)) {
                        best = s;
                        break;
                    }
                    if (fallback == null && !field.startsWith("alt")) {
                        fallback = s;
                    }
                }
            }
            result.add(best != null ? best : fallback != null ? fallback : Snippet.EMPTY);
        }
        return result;
    }

    /** Formats the best passage as {@link Snippet} parts, cut to a window around its first match. */
    private static final class Formatter extends PassageFormatter {

        @Override
        public Object format(Passage[] passages, String content) {
            if (passages.length == 0) {
                return Snippet.EMPTY;
            }
            Passage passage = passages[0];
            int start = passage.getStartOffset();
            int end = passage.getEndOffset();
            int firstMatch = passage.getNumMatches() > 0 ? passage.getMatchStarts()[0] : start;
            boolean cutStart = false;
            boolean cutEnd = false;
            if (end - start > MAX_CHARS) {
                int from = Math.max(start, firstMatch - MAX_CHARS / 3);
                from = wordStart(content, from, start);
                cutStart = from > start;
                start = from;
                int to = Math.min(end, start + MAX_CHARS);
                to = wordEnd(content, to, end);
                cutEnd = to < end;
                end = to;
            }
            List<Snippet.Part> parts = new ArrayList<>();
            if (cutStart) {
                parts.add(new Snippet.Part("… ", false));
            }
            int pos = start;
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int ms = Math.max(passage.getMatchStarts()[i], pos);
                int me = Math.min(passage.getMatchEnds()[i], end);
                if (ms >= end) {
                    break;
                }
                if (me <= ms) {
                    continue;
                }
                add(parts, content.substring(pos, ms), false);
                add(parts, content.substring(ms, me), true);
                pos = me;
            }
            add(parts, content.substring(pos, end), false);
            if (cutEnd) {
                parts.add(new Snippet.Part(" …", false));
            }
            return new Snippet(parts);
        }

        private static void add(List<Snippet.Part> parts, String text, boolean match) {
            String clean = text.replace(SEPARATOR, ' ');
            if (clean.isEmpty()) {
                return;
            }
            if (!parts.isEmpty() && parts.getLast().match() == match) {
                Snippet.Part last = parts.removeLast();
                parts.add(new Snippet.Part(last.text() + clean, match));
            } else {
                parts.add(new Snippet.Part(clean, match));
            }
        }

        private static int wordStart(String content, int at, int limit) {
            int i = at;
            while (i > limit && !Character.isWhitespace(content.charAt(i - 1)) && at - i < 20) {
                i--;
            }
            return i;
        }

        private static int wordEnd(String content, int at, int limit) {
            int i = at;
            while (i < limit && !Character.isWhitespace(content.charAt(i)) && i - at < 20) {
                i++;
            }
            return i;
        }
    }
}
