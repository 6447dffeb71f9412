package org.physicsofai.atlas.web.review;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.account.AccountService;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contributions over REST: listing and reading them (public), and curators' decisions. */
@RestController
@Tag(name = "Contributions", description = "The history of what entered the Atlas, and its review")
class ReviewApiController {

    private final KnowledgeStore store;
    private final AccountService accounts;
    private final AtlasProperties properties;

    ReviewApiController(KnowledgeStore store, AccountService accounts, AtlasProperties properties) {
        this.store = store;
        this.accounts = accounts;
        this.properties = properties;
    }

    @Operation(summary = "List contributions, newest first, optionally by status and method")
    @GetMapping("/api/contributions")
    List<ContributionRecord> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String method,
            @RequestParam(defaultValue = "50") int limit) {
        return store.contributions(new ContributionFilter(
                status == null ? null : ContributionStatus.valueOf(status.toUpperCase(Locale.ROOT)),
                method == null ? null : ContributionMethod.valueOf(method.toUpperCase(Locale.ROOT)),
                null,
                Math.min(Math.max(limit, 1), 500)));
    }

    @Operation(summary = "One contribution: its provenance, the statements it adds and those it would withdraw")
    @GetMapping("/api/contributions/{id}")
    ContributionView one(@PathVariable String id) {
        return ContributionView.of(store, record(id));
    }

    @Operation(summary = "Accept a pending contribution (curators)")
    @PostMapping("/api/contributions/{id}/accept")
    ContributionRecord accept(
            @PathVariable String id, @RequestBody(required = false) Map<String, String> body, Principal principal) {
        return store.accept(record(id).iri(), reviewer(principal), reason(body, false));
    }

    @Operation(summary = "Reject a pending contribution with a reason (curators)")
    @PostMapping("/api/contributions/{id}/reject")
    ContributionRecord reject(@PathVariable String id, @RequestBody Map<String, String> body, Principal principal) {
        return store.retract(record(id).iri(), reviewer(principal), reason(body, true));
    }

    @Operation(summary = "Retract an accepted contribution with a reason (curators)")
    @PostMapping("/api/contributions/{id}/retract")
    ContributionRecord retract(@PathVariable String id, @RequestBody Map<String, String> body, Principal principal) {
        return store.retract(record(id).iri(), reviewer(principal), reason(body, true));
    }

    private ContributionRecord record(String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            throw new NotFoundException("No contribution " + id + ".");
        }
        return store.contribution(properties.baseIri() + "contribution/" + id)
                .orElseThrow(() -> new NotFoundException("No contribution " + id + "."));
    }

    private org.physicsofai.atlas.store.AgentRef reviewer(Principal principal) {
        return accounts.agent(accounts.find(principal.getName()).orElseThrow());
    }

    private static String reason(Map<String, String> body, boolean required) {
        String reason = body == null ? null : body.get("reason");
        if (required && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("A reason is required: send {\"reason\": \"...\"}.");
        }
        return reason == null || reason.isBlank() ? null : reason.strip();
    }
}
