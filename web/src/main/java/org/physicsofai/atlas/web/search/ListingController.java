package org.physicsofai.atlas.web.search;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.physicsofai.atlas.search.Listing;
import org.physicsofai.atlas.search.ListingQuery;
import org.physicsofai.atlas.search.SearchIndex;
import org.physicsofai.atlas.web.system.StoreReadCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Browsing by type ({@code /phenomena}, {@code /sources}...): sorted by name, connectedness or year,
 * filtered by phenomenon (observables, experiments, runs, claims, laws) or by year (sources).
 */
@Controller
class ListingController {

    static final int PAGE_SIZE = 50;

    /** Listing path to type, in the order of the tabs. */
    private static final Set<String> BY_PHENOMENON = Set.of("Observable", "Experiment", "Run", "Claim", "Law");

    private final SearchIndex index;
    private final StoreReadCache cache;

    ListingController(SearchIndex index, StoreReadCache cache) {
        this.index = index;
        this.cache = cache;
    }

    @GetMapping("/{kind:phenomena|observables|experiments|runs|models|claims|laws|sources}")
    String list(
            @PathVariable String kind,
            @RequestParam(required = false) String phenomenon,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "1") int page,
            Locale locale,
            Model model) {
        if (page < 1) {
            throw new IllegalArgumentException("page: must be 1 or more, got " + page);
        }
        String type = Listings.TYPE_BY_PATH.get(kind);
        boolean sources = type.equals("Source");
        String language = SearchApiController.language(locale);
        ListingQuery.Sort order = sort(sort, sources);
        ListingQuery query = new ListingQuery(
                type,
                BY_PHENOMENON.contains(type) ? phenomenon : null,
                sources ? year : null,
                order,
                PAGE_SIZE,
                (page - 1) * PAGE_SIZE,
                language);
        Listing listing = cache.get("listing", query, () -> index.list(query));
        model.addAttribute("kind", kind);
        model.addAttribute("type", type);
        model.addAttribute("listings", Listings.TYPE_BY_PATH);
        model.addAttribute("listing", listing);
        model.addAttribute("sort", order.name().toLowerCase(Locale.ROOT));
        model.addAttribute("sorts", sources ? List.of("label", "connected", "year") : List.of("label", "connected"));
        model.addAttribute("phenomenon", phenomenon);
        model.addAttribute("year", year);
        model.addAttribute("page", page);
        model.addAttribute("pages", Math.max(1, (listing.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        if (BY_PHENOMENON.contains(type)) {
            ListingQuery phenomena =
                    new ListingQuery("Phenomenon", null, null, ListingQuery.Sort.LABEL, 100, 0, language);
            model.addAttribute(
                    "phenomena",
                    cache.get("listing", phenomena, () -> index.list(phenomena)).items());
        }
        return "listing";
    }

    private static ListingQuery.Sort sort(String sort, boolean sources) {
        if (sort == null || sort.isBlank()) {
            return sources ? ListingQuery.Sort.YEAR : ListingQuery.Sort.LABEL;
        }
        return switch (sort) {
            case "label" -> ListingQuery.Sort.LABEL;
            case "connected" -> ListingQuery.Sort.CONNECTED;
            case "year" -> {
                if (!sources) {
                    throw new IllegalArgumentException("sort: only sources can be sorted by year");
                }
                yield ListingQuery.Sort.YEAR;
            }
            default ->
                throw new IllegalArgumentException(
                        "sort: unknown order '" + sort + "'; use label, connected" + (sources ? " or year" : ""));
        };
    }
}
