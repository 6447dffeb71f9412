package org.physicsofai.atlas.web.home;

import org.physicsofai.atlas.entity.EntityDescriber;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: what the Atlas holds, by kind, and the latest contributions. */
@Controller
class HomeController {

    private final EntityDescriber describer;
    private final KnowledgeStore store;

    HomeController(EntityDescriber describer, KnowledgeStore store) {
        this.describer = describer;
        this.store = store;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("counts", describer.counts());
        model.addAttribute("recent", store.contributions(ContributionFilter.recent(8)));
        return "home";
    }
}
