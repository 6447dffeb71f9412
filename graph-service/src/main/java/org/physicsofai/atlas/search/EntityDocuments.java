package org.physicsofai.atlas.search;

import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/** Turns an {@link IndexedEntity} into its Lucene document. */
final class EntityDocuments {

    /** Sort keys are cut to this many characters: enough to order labels, small enough for doc values. */
    private static final int SORT_KEY_LENGTH = 200;

    private EntityDocuments() {}

    static Document toDocument(IndexedEntity e) {
        Document doc = new Document();
        doc.add(new StringField(SearchFields.IRI, e.iri(), Field.Store.YES));
        for (String type : e.types()) {
            doc.add(new StringField(SearchFields.TYPE, type, Field.Store.YES));
            doc.add(new SortedSetDocValuesField(SearchFields.TYPE, new BytesRef(type)));
        }
        text(doc, SearchFields.LABEL_EN, e.labelsEn());
        text(doc, SearchFields.LABEL_ZH, e.labelsZh());
        if (e.nameEn() != null) {
            doc.add(new StoredField(SearchFields.NAME_EN, e.nameEn()));
        }
        if (e.nameZh() != null) {
            doc.add(new StoredField(SearchFields.NAME_ZH, e.nameZh()));
        }
        text(doc, SearchFields.ALT_EN, e.altEn());
        text(doc, SearchFields.ALT_ZH, e.altZh());
        text(doc, SearchFields.TEXT_EN, e.textEn());
        text(doc, SearchFields.TEXT_ZH, e.textZh());
        for (List<String> names : List.of(e.labelsEn(), e.labelsZh(), e.altEn(), e.altZh())) {
            names.forEach(n -> doc.add(new TextField(SearchFields.WORDS, n, Field.Store.NO)));
        }
        for (String label : concat(e.labelsEn(), e.labelsZh())) {
            doc.add(new StringField(SearchFields.LABEL_EXACT, SearchAnalyzers.exact(label), Field.Store.NO));
        }
        for (String alt : concat(e.altEn(), e.altZh())) {
            doc.add(new StringField(SearchFields.ALT_EXACT, SearchAnalyzers.exact(alt), Field.Store.NO));
        }
        for (String id : e.identifiers()) {
            doc.add(new StringField(SearchFields.IDENTIFIER, SearchAnalyzers.exact(id), Field.Store.NO));
        }
        for (String link : e.links()) {
            doc.add(new StringField(SearchFields.LINK, link, Field.Store.NO));
        }
        if (e.year() != null) {
            doc.add(new IntPoint(SearchFields.YEAR, e.year()));
            doc.add(new NumericDocValuesField(SearchFields.YEAR, e.year()));
            doc.add(new StoredField(SearchFields.YEAR, e.year()));
        }
        String sortLabel = SearchAnalyzers.exact(displayLabel(e, "en"));
        doc.add(new SortedDocValuesField(
                SearchFields.SORT_LABEL,
                new BytesRef(sortLabel.substring(0, Math.min(SORT_KEY_LENGTH, sortLabel.length())))));
        // FeatureField needs a positive value; one more than the degree keeps isolated nodes rankable.
        doc.add(new FeatureField(SearchFields.FEATURES, SearchFields.CONNECTEDNESS, Math.min(e.degree() + 1, 1 << 20)));
        doc.add(new NumericDocValuesField(SearchFields.DEGREE, e.degree()));
        doc.add(new StoredField(SearchFields.DEGREE, e.degree()));
        return doc;
    }

    /** The entity's name for a reader of the language by the one label rule, else the IRI's end. */
    static String displayLabel(IndexedEntity e, String language) {
        String own = language.equals("zh") ? e.nameZh() : e.nameEn();
        return own != null ? own : EntityReader.localName(e.iri());
    }

    private static void text(Document doc, String field, List<String> values) {
        values.forEach(v -> doc.add(new TextField(field, v, Field.Store.YES)));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
