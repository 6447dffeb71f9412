package org.physicsofai.atlas.web.review;

import java.util.Locale;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.trace.NodeLabels;
import org.physicsofai.atlas.web.entity.EntityLinks;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A contribution as its author and curators read it, whatever its status (pending ones above all): its
 * runs, curves and statements grouped by node as entity pages show them, with the raw statements folded
 * and paged. Anyone else is told it does not exist.
 */
@Controller
class ContributionPageController {

    private final KnowledgeStore store;
    private final ContributionReaders readers;
    private final NodeLabels labels;
    private final EntityLinks links;

    ContributionPageController(
            KnowledgeStore store, ContributionReaders readers, NodeLabels labels, EntityLinks links) {
        this.store = store;
        this.readers = readers;
        this.labels = labels;
        this.links = links;
    }

    @GetMapping("/contribution")
    String contribution(
            @RequestParam String iri,
            @RequestParam(defaultValue = "0") long from,
            Authentication authentication,
            Locale locale,
            Model model) {
        ContributionRecord record = readers.require(iri, authentication);
        ReviewItem item = ReviewItem.of(store, record, from, ReviewController.PAGE);
        model.addAttribute("c", item);
        model.addAttribute("nodes", nodes(item, labels, links, locale));
        model.addAttribute("curator", readers.curator(authentication));
        return "contribution";
    }

    static ContributionNodes nodes(ReviewItem item, NodeLabels labels, EntityLinks links, Locale locale) {
        String language = locale != null && locale.getLanguage().equals("zh") ? "zh" : "en";
        return ContributionNodes.of(item.addedTriples(), item.record().iri(), labels, links, language);
    }
}
