package org.physicsofai.atlas.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns what a user typed into Lucene queries whose ranking a reader would agree with: the whole
 * text equal to a preferred label first, then to an alternative label or an identifier, then label
 * words (stemmed English, Chinese bigrams), then definitions and other prose; words a typo or two
 * away and the prefix of the last word still match, more weakly. Connectedness adds a little.
 */
final class QueryPlanner {

    static final float EXACT_LABEL = 100f;
    static final float EXACT_ALT = 40f;
    static final float IDENTIFIER = 100f;
    static final float LABEL_WORDS = 8f;
    static final float LABEL_PHRASE = 4f;
    static final float ALT_WORDS = 5f;
    static final float TYPO = 3f;
    static final float PREFIX = 2f;
    static final float TEXT = 1f;
    static final float CONNECTEDNESS = 3f;

    private static final Pattern PHRASE = Pattern.compile("[\"“”「」『』]([^\"“”「」『』]+)[\"“”「」『』]");
    private static final Pattern ARXIV = Pattern.compile(
            "(?i)^(?:arxiv:|https?://arxiv\\.org/(?:abs|pdf)/)?(\\d{4}\\.\\d{4,5})(?:v\\d+)?(?:\\.pdf)?$");
    private static final Pattern DOI =
            Pattern.compile("(?i)^(?:doi:|https?://(?:dx\\.)?doi\\.org/)?(10\\.\\d{4,9}/\\S+)$");

    private final Analyzer analyzer;
    private final QueryBuilder builder;

    QueryPlanner(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.builder = new QueryBuilder(analyzer);
    }

    /** The query that finds and ranks entities for a search, without connectedness or filters. */
    Query relevance(String text) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        String whole = SearchAnalyzers.exact(text.replaceAll("[\"“”「」『』]", ""));
        query.add(constant(new Term(SearchFields.LABEL_EXACT, whole), EXACT_LABEL), Occur.SHOULD);
        query.add(constant(new Term(SearchFields.ALT_EXACT, whole), EXACT_ALT), Occur.SHOULD);
        for (String id : identifierForms(whole)) {
            query.add(constant(new Term(SearchFields.IDENTIFIER, id), IDENTIFIER), Occur.SHOULD);
        }
        List<String> phrases = new ArrayList<>();
        Matcher m = PHRASE.matcher(text);
        while (m.find()) {
            phrases.add(m.group(1));
        }
        String free = PHRASE.matcher(text)
                .replaceAll(" ")
                .replaceAll("[\"“”「」『』]", " ")
                .strip();
        if (phrases.isEmpty()
                && (ARXIV.matcher(whole).matches() || DOI.matcher(whole).matches())) {
            // An identifier is looked up, and found where prose cites it, but not split into numbers.
            add(query, builder.createPhraseQuery(SearchFields.TEXT_EN, free), TEXT);
            return query.build();
        }
        if (!free.isEmpty()) {
            add(query, eitherLanguage(SearchFields.LABEL_EN, SearchFields.LABEL_ZH, free), LABEL_WORDS);
            if (free.contains(" ")) {
                add(query, builder.createPhraseQuery(SearchFields.LABEL_EN, free), LABEL_PHRASE);
            }
            add(query, eitherLanguage(SearchFields.ALT_EN, SearchFields.ALT_ZH, free), ALT_WORDS);
            add(query, eitherLanguage(SearchFields.TEXT_EN, SearchFields.TEXT_ZH, free), TEXT);
            List<String> words = words(free);
            for (String word : words) {
                int edits = typoDistance(word);
                if (edits > 0) {
                    query.add(
                            new BoostQuery(new FuzzyQuery(new Term(SearchFields.WORDS, word), edits, 1), TYPO),
                            Occur.SHOULD);
                }
            }
            if (!words.isEmpty()) {
                String last = words.getLast();
                if (last.length() >= 2 && !SearchAnalyzers.hasCjk(last)) {
                    query.add(
                            new BoostQuery(new PrefixQuery(new Term(SearchFields.WORDS, last)), PREFIX), Occur.SHOULD);
                }
            }
        }
        for (String phrase : phrases) {
            List<Query> anyField = new ArrayList<>();
            for (String field : List.of(
                    SearchFields.LABEL_EN,
                    SearchFields.LABEL_ZH,
                    SearchFields.ALT_EN,
                    SearchFields.ALT_ZH,
                    SearchFields.TEXT_EN,
                    SearchFields.TEXT_ZH)) {
                Query q = builder.createPhraseQuery(field, phrase);
                if (q != null) {
                    anyField.add(field.startsWith("text") ? q : new BoostQuery(q, LABEL_WORDS));
                }
            }
            query.add(
                    anyField.isEmpty() ? new MatchNoDocsQuery() : new DisjunctionMaxQuery(anyField, 0.1f), Occur.MUST);
        }
        return query.build();
    }

    /**
     * The words to mark in snippets: those of the prose and label clauses of {@link #relevance}, as the
     * English and Chinese analysers see them. Typo and prefix matches are found but not marked: marking
     * them would cost an automaton per field and hit, for words that are mostly in names anyway.
     */
    Query highlighting(String text) {
        String free = text.replaceAll("[\"“”「」『』]", " ").strip();
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        add(query, builder.createBooleanQuery(SearchFields.TEXT_EN, free), 1f);
        if (SearchAnalyzers.hasCjk(free)) {
            add(query, builder.createBooleanQuery(SearchFields.TEXT_ZH, free), 1f);
        }
        return query.build();
    }

    /** A looser query for "did you mean": each word up to two typos away from a name's word. */
    Query closeMatches(String text) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String word : words(text)) {
            if (SearchAnalyzers.hasCjk(word)) {
                query.add(new TermQuery(new Term(SearchFields.WORDS, word)), Occur.SHOULD);
            } else if (word.length() >= 3) {
                query.add(new FuzzyQuery(new Term(SearchFields.WORDS, word), 2, 0), Occur.SHOULD);
            }
        }
        return withConnectedness(query.build());
    }

    /** Entities the text names exactly: a whole label, alternative label or identifier, in any language. */
    Query names(String text) {
        String whole = SearchAnalyzers.exact(text);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(new TermQuery(new Term(SearchFields.LABEL_EXACT, whole)), Occur.SHOULD);
        query.add(new TermQuery(new Term(SearchFields.ALT_EXACT, whole)), Occur.SHOULD);
        for (String id : identifierForms(whole)) {
            query.add(new TermQuery(new Term(SearchFields.IDENTIFIER, id)), Occur.SHOULD);
        }
        return withConnectedness(query.build());
    }

    /** Completions: names starting with the text, or whose words start with its words. */
    Query suggestions(String prefix) {
        String whole = SearchAnalyzers.exact(prefix);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(new BoostQuery(new PrefixQuery(new Term(SearchFields.LABEL_EXACT, whole)), 10f), Occur.SHOULD);
        query.add(new BoostQuery(new PrefixQuery(new Term(SearchFields.ALT_EXACT, whole)), 5f), Occur.SHOULD);
        for (String id : identifierForms(whole)) {
            query.add(constant(new Term(SearchFields.IDENTIFIER, id), 20f), Occur.SHOULD);
        }
        List<String> words = words(prefix);
        if (!words.isEmpty()) {
            // Finished words may have a typo; the last one is being typed, so it may also be a prefix.
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                boolean last = i == words.size() - 1;
                BooleanQuery.Builder either = new BooleanQuery.Builder()
                        .add(
                                last
                                        ? new PrefixQuery(new Term(SearchFields.WORDS, word))
                                        : new TermQuery(new Term(SearchFields.WORDS, word)),
                                Occur.SHOULD);
                int edits = typoDistance(word);
                if (edits > 0) {
                    either.add(new FuzzyQuery(new Term(SearchFields.WORDS, word), edits, 1), Occur.SHOULD);
                }
                all.add(either.build(), Occur.MUST);
            }
            query.add(new ConstantScoreQuery(all.build()), Occur.SHOULD);
        }
        return withConnectedness(query.build());
    }

    /** Adds the connectedness feature to a query's score without changing what it matches. */
    static Query withConnectedness(Query relevance) {
        return new BooleanQuery.Builder()
                .add(relevance, Occur.MUST)
                .add(
                        FeatureField.newSaturationQuery(
                                SearchFields.FEATURES, SearchFields.CONNECTEDNESS, CONNECTEDNESS, 10f),
                        Occur.SHOULD)
                .build();
    }

    /** The forms an identifier may be stored in: the text itself, a bare arXiv id, a bare DOI. */
    static Set<String> identifierForms(String whole) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(whole);
        Matcher arxiv = ARXIV.matcher(whole);
        if (arxiv.matches()) {
            forms.add(arxiv.group(1));
        }
        Matcher doi = DOI.matcher(whole);
        if (doi.matches()) {
            forms.add(doi.group(1).toLowerCase(Locale.ROOT));
        }
        return forms;
    }

    /** Edits allowed for a typo: none for short words, one up to seven letters, two beyond. */
    static int typoDistance(String word) {
        if (SearchAnalyzers.hasCjk(word) || word.length() < 5 || word.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return word.length() < 8 ? 1 : 2;
    }

    List<String> words(String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(SearchFields.WORDS, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    /**
     * Latin text is looked for in English fields only (Chinese labels quote Latin names too, and would
     * outrank them by rarity); text with Chinese characters in both, the better match counting.
     */
    private Query eitherLanguage(String english, String chinese, String text) {
        List<Query> either = new ArrayList<>();
        for (String field : SearchAnalyzers.hasCjk(text) ? List.of(english, chinese) : List.of(english)) {
            Query q = builder.createBooleanQuery(field, text);
            if (q != null) {
                either.add(q);
            }
        }
        return either.isEmpty() ? null : new DisjunctionMaxQuery(either, 0.1f);
    }

    private static Query constant(Term term, float boost) {
        return new BoostQuery(new ConstantScoreQuery(new TermQuery(term)), boost);
    }

    private static void add(BooleanQuery.Builder query, Query clause, float boost) {
        if (clause != null) {
            query.add(new BoostQuery(clause, boost), Occur.SHOULD);
        }
    }
}
