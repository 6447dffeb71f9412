package org.physicsofai.atlas.search;

/** The fields of an entity's document in the index. */
final class SearchFields {

    private SearchFields() {}

    /** The entity's IRI: the document's key. */
    static final String IRI = "iri";
    /** Class local names ({@code Phenomenon}), indexed, stored and kept as doc values for facets. */
    static final String TYPE = "type";
    /** Preferred labels and titles, by language. */
    static final String LABEL_EN = "label_en";

    static final String LABEL_ZH = "label_zh";
    /** The entity's name by the one label rule, by language: stored, not searched. */
    static final String NAME_EN = "name_en";

    static final String NAME_ZH = "name_zh";
    /** Alternative labels and symbols, by language. */
    static final String ALT_EN = "alt_en";

    static final String ALT_ZH = "alt_zh";
    /** Definitions, statements, descriptions, authors and other prose, by language. */
    static final String TEXT_EN = "text_en";

    static final String TEXT_ZH = "text_zh";
    /** Every label and alternative label as unstemmed words, for typos and prefixes. */
    static final String WORDS = "words";
    /** Whole preferred labels in {@link SearchAnalyzers#exact} form. */
    static final String LABEL_EXACT = "label_exact";
    /** Whole alternative labels in {@link SearchAnalyzers#exact} form. */
    static final String ALT_EXACT = "alt_exact";
    /** arXiv ids, DOIs, configuration keys, units and the IRI's last segment, in exact form. */
    static final String IDENTIFIER = "identifier";
    /** IRIs the entity points to (its phenomena, experiment, sources...), for listing filters. */
    static final String LINK = "link";
    /** Publication year of a source, for listing filters and sorting. */
    static final String YEAR = "year";
    /** The English (or only) label in exact form, for sorting listings. */
    static final String SORT_LABEL = "sort_label";
    /** Ranking features: {@link #CONNECTEDNESS} is the number of statements linking the entity. */
    static final String FEATURES = "features";

    static final String CONNECTEDNESS = "connectedness";
    /** The same count as a plain doc value, for sorting listings. */
    static final String DEGREE = "degree";
}
