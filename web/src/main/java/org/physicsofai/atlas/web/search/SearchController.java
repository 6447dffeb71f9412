package org.physicsofai.atlas.web.search;

import java.util.Locale;
import org.physicsofai.atlas.search.SearchIndex;
import org.physicsofai.atlas.search.SearchQuery;
import org.physicsofai.atlas.search.SearchResults;
import org.physicsofai.atlas.web.system.StoreReadCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The search results page: hits with highlighted snippets, facets by type, pages, close matches. */
@Controller
class SearchController {

    static final int PAGE_SIZE = 20;

    private final SearchIndex index;
    private final StoreReadCache cache;

    SearchController(SearchIndex index, StoreReadCache cache) {
        this.index = index;
        this.cache = cache;
    }

    @GetMapping("/search")
    String search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "1") int page,
            Locale locale,
            Model model) {
        if (page < 1) {
            throw new IllegalArgumentException("page: must be 1 or more, got " + page);
        }
        model.addAttribute("q", q == null ? "" : q.strip());
        if (q == null || q.isBlank()) {
            return "search";
        }
        SearchQuery query =
                new SearchQuery(q, type, PAGE_SIZE, (page - 1) * PAGE_SIZE, SearchApiController.language(locale));
        SearchResults results = cache.get("search", query, () -> index.search(query));
        long pages = Math.max(1, (results.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("type", query.type());
        model.addAttribute("results", results);
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("first", results.total() == 0 ? 0 : query.offset() + 1);
        model.addAttribute("last", query.offset() + results.hits().size());
        model.addAttribute(
                "facetTotal",
                results.facets().values().stream().mapToLong(Long::longValue).sum());
        return "search";
    }
}
