package org.physicsofai.atlas.web.entity;

import java.util.List;
import java.util.Locale;
import org.physicsofai.atlas.trace.NodeLabels;

/**
 * Names nodes in templates by the Atlas's one label rule, in the page's language: {@code
 * ${names.of(iri)}} where a page has only an IRI to show.
 */
public final class NodeNames {

    private final NodeLabels labels;
    private final String language;

    NodeNames(NodeLabels labels, Locale locale) {
        this.labels = labels;
        this.language = locale != null && locale.getLanguage().equals("zh") ? "zh" : "en";
    }

    /** The node's name, or {@code null} for no IRI. */
    public String of(String iri) {
        return iri == null || iri.isBlank()
                ? null
                : labels.of(List.of(iri), language).get(iri);
    }
}
