package org.physicsofai.atlas.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/** Searches, completions and listings over one point-in-time view of the index. */
final class IndexSearches {

    static final int CLOSE_MATCHES = 5;
    /** Hits counted exactly by the ranking pass before it may skip; the total comes from the counting pass. */
    private static final int TOP_HITS_THRESHOLD = 1000;

    private static final int SUMMARY_CHARS = 200;
    private static final Set<String> DISPLAY_FIELDS = Set.of(
            SearchFields.IRI,
            SearchFields.TYPE,
            SearchFields.LABEL_EN,
            SearchFields.LABEL_ZH,
            SearchFields.NAME_EN,
            SearchFields.NAME_ZH);

    private final QueryPlanner planner;
    private final Analyzer analyzer;

    IndexSearches(QueryPlanner planner, Analyzer analyzer) {
        this.planner = planner;
        this.analyzer = analyzer;
    }

    SearchResults search(IndexSearcher searcher, SearchQuery query) throws IOException {
        // Rewritten once, not once per search pass: typo queries expand to the index terms they match.
        Query relevance = searcher.rewrite(planner.relevance(query.text()));
        Query scored = QueryPlanner.withConnectedness(relevance);
        int wanted = query.offset() + query.limit();
        // Two passes: the best hits, skipping what cannot make the page (like a bare search), and an
        // unscored pass over every match for the exact total and the counts per type.
        Query ranked = query.type() == null
                ? scored
                : new BooleanQuery.Builder()
                        .add(scored, Occur.MUST)
                        .add(new TermQuery(new Term(SearchFields.TYPE, query.type())), Occur.FILTER)
                        .build();
        TopDocs topDocs = searcher.search(ranked, new TopScoreDocCollectorManager(wanted, TOP_HITS_THRESHOLD));
        ValueCounts.TypeCounts counts = searcher.search(relevance, ValueCounts.ofTypes());
        Map<String, Long> facets = counts.counts();
        long total = query.type() == null ? counts.total() : facets.getOrDefault(query.type(), 0L);
        ScoreDoc[] page = Arrays.copyOfRange(
                topDocs.scoreDocs, Math.min(query.offset(), topDocs.scoreDocs.length), topDocs.scoreDocs.length);
        // Passages in the reader's language first; the other language where that has no text, or where
        // the query is written in the other language and so more likely matches there.
        boolean otherScript =
                SearchAnalyzers.hasCjk(query.text()) != query.language().equals("zh");
        List<SearchHit> hits = hits(searcher, planner.highlighting(query.text()), page, query.language(), otherScript);
        List<Suggestion> close = total == 0 && query.offset() == 0 ? closeMatches(searcher, query) : List.of();
        return new SearchResults(total, hits, facets, close);
    }

    private List<SearchHit> hits(
            IndexSearcher searcher, Query highlight, ScoreDoc[] page, String language, boolean tryOther)
            throws IOException {
        if (page.length == 0) {
            return List.of();
        }
        boolean zh = language.equals("zh");
        List<String> own = zh
                ? List.of(SearchFields.TEXT_ZH, SearchFields.ALT_ZH)
                : List.of(SearchFields.TEXT_EN, SearchFields.ALT_EN);
        List<String> other = zh
                ? List.of(SearchFields.TEXT_EN, SearchFields.ALT_EN)
                : List.of(SearchFields.TEXT_ZH, SearchFields.ALT_ZH);
        int[] sorted = Arrays.stream(page).mapToInt(d -> d.doc).sorted().toArray();
        Snippets highlighter = Snippets.of(searcher, analyzer);
        List<Snippet> snippets = new ArrayList<>(highlighter.snippets(highlight, sorted, own));
        int[] missing = java.util.stream.IntStream.range(0, sorted.length)
                .filter(i -> snippets.get(i).isEmpty()
                        || (tryOther && snippets.get(i).parts().stream().noneMatch(Snippet.Part::match)))
                .toArray();
        if (missing.length > 0) {
            int[] docs = Arrays.stream(missing).map(i -> sorted[i]).toArray();
            List<Snippet> fallback = highlighter.snippets(highlight, docs, other);
            for (int j = 0; j < missing.length; j++) {
                Snippet candidate = fallback.get(j);
                boolean matches = candidate.parts().stream().anyMatch(Snippet.Part::match);
                if (matches || snippets.get(missing[j]).isEmpty()) {
                    snippets.set(missing[j], candidate);
                }
            }
        }
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(page.length);
        for (ScoreDoc doc : page) {
            Document d = stored.document(doc.doc, DISPLAY_FIELDS);
            Snippet snippet = snippets.get(Arrays.binarySearch(sorted, doc.doc));
            hits.add(new SearchHit(
                    d.get(SearchFields.IRI), label(d, language), d.get(SearchFields.TYPE), doc.score, snippet));
        }
        return hits;
    }

    private List<Suggestion> closeMatches(IndexSearcher searcher, SearchQuery query) throws IOException {
        Query loose = planner.closeMatches(query.text());
        if (query.type() != null) {
            loose = new BooleanQuery.Builder()
                    .add(loose, Occur.MUST)
                    .add(new TermQuery(new Term(SearchFields.TYPE, query.type())), Occur.FILTER)
                    .build();
        }
        return suggestions(searcher, searcher.search(loose, CLOSE_MATCHES), query.language());
    }

    List<Suggestion> suggest(IndexSearcher searcher, String prefix, String language, int limit) throws IOException {
        return suggestions(searcher, searcher.search(planner.suggestions(prefix), limit), language);
    }

    List<Suggestion> named(IndexSearcher searcher, String name, String language, int limit) throws IOException {
        return suggestions(searcher, searcher.search(planner.names(name), limit), language);
    }

    private static List<Suggestion> suggestions(IndexSearcher searcher, TopDocs top, String language)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        List<Suggestion> result = new ArrayList<>();
        for (ScoreDoc doc : top.scoreDocs) {
            Document d = stored.document(doc.doc, DISPLAY_FIELDS);
            result.add(new Suggestion(d.get(SearchFields.IRI), label(d, language), d.get(SearchFields.TYPE)));
        }
        return result;
    }

    Listing list(IndexSearcher searcher, ListingQuery query) throws IOException {
        BooleanQuery.Builder base =
                new BooleanQuery.Builder().add(new TermQuery(new Term(SearchFields.TYPE, query.type())), Occur.FILTER);
        if (query.linkedTo() != null) {
            base.add(new TermQuery(new Term(SearchFields.LINK, query.linkedTo())), Occur.FILTER);
        }
        Query withoutYear = base.build();
        Map<Integer, Long> years = searcher.search(withoutYear, ValueCounts.ofYears());
        Query filtered = query.year() == null
                ? withoutYear
                : new BooleanQuery.Builder()
                        .add(withoutYear, Occur.FILTER)
                        .add(IntPoint.newExactQuery(SearchFields.YEAR, query.year()), Occur.FILTER)
                        .build();
        int total = searcher.count(filtered);
        TopDocs top = searcher.search(filtered, query.offset() + query.limit(), sort(query.sort()));
        StoredFields stored = searcher.storedFields();
        List<Listing.Item> items = new ArrayList<>();
        ScoreDoc[] docs = top.scoreDocs;
        for (int i = query.offset(); i < docs.length; i++) {
            Document d = stored.document(docs[i].doc);
            Number year = d.getField(SearchFields.YEAR) == null
                    ? null
                    : d.getField(SearchFields.YEAR).numericValue();
            items.add(new Listing.Item(
                    d.get(SearchFields.IRI),
                    label(d, query.language()),
                    d.get(SearchFields.TYPE),
                    year == null ? null : year.intValue(),
                    d.getField(SearchFields.DEGREE).numericValue().intValue(),
                    summary(d, query.language())));
        }
        return new Listing(total, items, years);
    }

    private static Sort sort(ListingQuery.Sort sort) {
        SortField byLabel = new SortField(SearchFields.SORT_LABEL, SortField.Type.STRING);
        return switch (sort) {
            case LABEL -> new Sort(byLabel);
            case CONNECTED -> new Sort(new SortField(SearchFields.DEGREE, SortField.Type.LONG, true), byLabel);
            case YEAR -> {
                SortField byYear = new SortField(SearchFields.YEAR, SortField.Type.INT, true);
                byYear.setMissingValue(Integer.MIN_VALUE);
                yield new Sort(byYear, byLabel);
            }
        };
    }

    /**
     * The entity's name by the one label rule, stored when it was indexed; an index written before
     * names were stored falls back to its labels (run {@code reindex} to name claims by statement).
     */
    static String label(Document d, String language) {
        String name = d.get(language.equals("zh") ? SearchFields.NAME_ZH : SearchFields.NAME_EN);
        if (name != null) {
            return name;
        }
        String own = d.get(language.equals("zh") ? SearchFields.LABEL_ZH : SearchFields.LABEL_EN);
        if (own != null) {
            return own;
        }
        String any = d.get(SearchFields.LABEL_EN) != null ? d.get(SearchFields.LABEL_EN) : d.get(SearchFields.LABEL_ZH);
        return any != null ? any : EntityReader.localName(d.get(SearchFields.IRI));
    }

    private static String summary(Document d, String language) {
        String own = d.get(language.equals("zh") ? SearchFields.TEXT_ZH : SearchFields.TEXT_EN);
        String text = own != null ? own : d.get(SearchFields.TEXT_EN) != null ? d.get(SearchFields.TEXT_EN) : "";
        return text.length() <= SUMMARY_CHARS
                ? text
                : text.substring(0, SUMMARY_CHARS).strip() + " …";
    }
}
