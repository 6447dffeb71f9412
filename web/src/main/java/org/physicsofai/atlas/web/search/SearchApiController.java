package org.physicsofai.atlas.web.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.physicsofai.atlas.search.SearchIndex;
import org.physicsofai.atlas.search.SearchQuery;
import org.physicsofai.atlas.search.SearchResults;
import org.physicsofai.atlas.search.Suggestion;
import org.physicsofai.atlas.web.entity.EntityLinks;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Full-text search as JSON: {@code /api/search} and the completions behind the header's search box. */
@RestController
class SearchApiController {

    static final int SUGGESTIONS = 8;

    private final SearchIndex index;
    private final EntityLinks links;
    private final MessageSource messages;

    SearchApiController(SearchIndex index, EntityLinks links, MessageSource messages) {
        this.index = index;
        this.links = links;
        this.messages = messages;
    }

    /**
     * @param snippet the matching passage as HTML: its text escaped, the matched words in {@code <mark>}
     */
    record Hit(String iri, String href, String label, String type, float score, String snippet) {}

    record Match(String iri, String href, String label, String type, String typeLabel) {}

    record Results(long total, List<Hit> results, Map<String, Long> facets, List<Match> closeMatches) {}

    record Suggestions(List<Match> suggestions) {}

    @GetMapping(path = "/api/search", produces = MediaType.APPLICATION_JSON_VALUE)
    Results search(
            @RequestParam String q,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "10") int limit,
            @RequestParam(defaultValue = "0") int offset,
            Locale locale) {
        SearchResults found = index.search(new SearchQuery(q, type, limit, offset, language(locale)));
        return new Results(
                found.total(),
                found.hits().stream()
                        .map(h -> new Hit(
                                h.iri(),
                                links.href(h.iri()),
                                h.label(),
                                h.type(),
                                h.score(),
                                h.snippet().html()))
                        .toList(),
                found.facets(),
                found.closeMatches().stream().map(s -> match(s, locale)).toList());
    }

    @GetMapping(path = "/api/search/suggest", produces = MediaType.APPLICATION_JSON_VALUE)
    Suggestions suggest(@RequestParam String q, @RequestParam(defaultValue = "8") int limit, Locale locale) {
        int n = Math.max(1, Math.min(limit, 20));
        return new Suggestions(index.suggest(q, language(locale), n).stream()
                .map(s -> match(s, locale))
                .toList());
    }

    private Match match(Suggestion s, Locale locale) {
        return new Match(
                s.iri(),
                links.href(s.iri()),
                s.label(),
                s.type(),
                messages.getMessage("kind." + s.type(), null, s.type(), locale));
    }

    static String language(Locale locale) {
        return locale.getLanguage().equals("zh") ? "zh" : "en";
    }
}
