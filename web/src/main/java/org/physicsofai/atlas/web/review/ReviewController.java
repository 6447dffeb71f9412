package org.physicsofai.atlas.web.review;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.StatusTransitionException;
import org.physicsofai.atlas.trace.NodeLabels;
import org.physicsofai.atlas.web.account.Account;
import org.physicsofai.atlas.web.account.AccountService;
import org.physicsofai.atlas.web.entity.EntityLinks;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The curators' review queue: pending contributions with what they add and withdraw, to accept or
 * reject with a reason; and retraction of accepted ones. Rejecting a pending contribution retracts it.
 */
@Controller
class ReviewController {

    /** Lines of a contribution shown at once. */
    static final int PAGE = 100;

    private final KnowledgeStore store;
    private final AccountService accounts;
    private final NodeLabels labels;
    private final EntityLinks links;

    ReviewController(KnowledgeStore store, AccountService accounts, NodeLabels labels, EntityLinks links) {
        this.store = store;
        this.accounts = accounts;
        this.labels = labels;
        this.links = links;
    }

    /**
     * The queue, each contribution with its first {@value #PAGE} lines; or, with {@code contribution},
     * that pending contribution alone, {@value #PAGE} lines from {@code from} on.
     */
    @GetMapping("/review")
    String queue(
            @RequestParam(required = false) String contribution,
            @RequestParam(defaultValue = "0") long from,
            Locale locale,
            Model model) {
        List<ReviewItem> pending;
        if (contribution == null) {
            pending = store.contributions(new ContributionFilter(ContributionStatus.PENDING, null, null, 200)).stream()
                    .map(r -> ReviewItem.of(store, r, 0, PAGE))
                    .toList();
        } else {
            ContributionRecord record = store.contribution(contribution)
                    .filter(r -> r.status() == ContributionStatus.PENDING)
                    .orElseThrow(() -> new NotFoundException("No pending contribution " + contribution + "."));
            pending = List.of(ReviewItem.of(store, record, from, PAGE));
        }
        model.addAttribute("pending", pending);
        Map<String, ContributionNodes> nodes = new HashMap<>();
        pending.forEach(
                item -> nodes.put(item.record().iri(), ContributionPageController.nodes(item, labels, links, locale)));
        model.addAttribute("nodes", nodes);
        return "review";
    }

    @PostMapping("/review/accept")
    String accept(
            @RequestParam String contribution,
            @RequestParam(required = false) String reason,
            Principal principal,
            RedirectAttributes redirect) {
        return decide(
                redirect,
                "review.accepted",
                () -> store.accept(contribution, reviewer(principal), blankToNull(reason)));
    }

    @PostMapping("/review/reject")
    String reject(
            @RequestParam String contribution,
            @RequestParam String reason,
            Principal principal,
            RedirectAttributes redirect) {
        return retractWithReason(contribution, reason, principal, redirect, "review.rejected");
    }

    @PostMapping("/review/retract")
    String retract(
            @RequestParam String contribution,
            @RequestParam String reason,
            Principal principal,
            RedirectAttributes redirect) {
        return retractWithReason(contribution, reason, principal, redirect, "review.retracted");
    }

    private String retractWithReason(
            String contribution, String reason, Principal principal, RedirectAttributes redirect, String doneKey) {
        if (reason == null || reason.isBlank()) {
            redirect.addFlashAttribute("problemKey", "review.reasonNeeded");
            return "redirect:/review";
        }
        return decide(redirect, doneKey, () -> store.retract(contribution, reviewer(principal), reason.strip()));
    }

    private String decide(
            RedirectAttributes redirect, String doneKey, java.util.function.Supplier<ContributionRecord> action) {
        try {
            action.get();
            redirect.addFlashAttribute("done", doneKey);
        } catch (StatusTransitionException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/review";
    }

    private org.physicsofai.atlas.store.AgentRef reviewer(Principal principal) {
        Account account = accounts.find(principal.getName())
                .orElseThrow(() -> new NotFoundException("No account " + principal.getName()));
        return accounts.agent(account);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
