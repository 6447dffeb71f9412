package org.physicsofai.atlas.web.insight;

import java.time.Instant;
import java.util.List;

/**
 * A short note linked to nodes, as shown in the feed and on the nodes' pages.
 *
 * @param html the Markdown text rendered safely (raw HTML escaped, link targets sanitised)
 * @param about the IRIs of the nodes it is about
 */
public record Insight(String iri, String text, String html, List<String> about, String author, Instant created) {

    public Insight {
        about = List.copyOf(about);
    }
}
