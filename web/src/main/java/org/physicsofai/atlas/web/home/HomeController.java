package org.physicsofai.atlas.web.home;

import java.util.Locale;
import org.physicsofai.atlas.entity.EntityDescriber;
import org.physicsofai.atlas.search.ListingQuery;
import org.physicsofai.atlas.search.SearchIndex;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.search.Listings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: what the Atlas holds, by kind, where to start, and the latest contributions. */
@Controller
class HomeController {

    static final int ENTRY_POINTS = 10;

    /** Type local name to the path of its listing. */
    private final EntityDescriber describer;

    private final KnowledgeStore store;
    private final SearchIndex index;

    HomeController(EntityDescriber describer, KnowledgeStore store, SearchIndex index) {
        this.describer = describer;
        this.store = store;
        this.index = index;
    }

    @GetMapping("/")
    String home(Locale locale, Model model) {
        String language = locale.getLanguage().equals("zh") ? "zh" : "en";
        model.addAttribute("counts", describer.counts());
        model.addAttribute("listingPaths", Listings.PATH_BY_TYPE);
        model.addAttribute(
                "entryPoints",
                index.list(new ListingQuery(
                                "Phenomenon", null, null, ListingQuery.Sort.CONNECTED, ENTRY_POINTS, 0, language))
                        .items());
        model.addAttribute("recent", store.contributions(ContributionFilter.recent(8)));
        return "home";
    }
}
