package org.physicsofai.atlas.web.dispute;

import java.security.Principal;
import java.util.Locale;
import org.physicsofai.atlas.dispute.Contradictions;
import org.physicsofai.atlas.web.submit.SubmissionService;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The disputes page: contradiction flags with links into traces; curators mark a flag explained. */
@Controller
class DisputesController {

    private final Contradictions contradictions;
    private final SubmissionService submissions;

    DisputesController(Contradictions contradictions, SubmissionService submissions) {
        this.contradictions = contradictions;
        this.submissions = submissions;
    }

    /** Every contradiction flag; with {@code node}, those where the node disputes, is disputed or is the data. */
    @GetMapping("/disputes")
    String disputes(@RequestParam(required = false) String node, Locale locale, Model model) {
        var flags = contradictions.flags(language(locale)).stream()
                .filter(f -> node == null
                        || node.equals(f.disputing())
                        || node.equals(f.disputed())
                        || node.equals(f.subject()))
                .toList();
        model.addAttribute("node", node);
        model.addAttribute("flags", flags);
        model.addAttribute("open", flags.stream().filter(f -> !f.explained()).count());
        return "disputes";
    }

    /** Marks a flag explained with the curator's note (curators only, see the security configuration). */
    @PostMapping("/disputes/explain")
    String explain(@RequestParam String flag, @RequestParam String note, Locale locale, Principal principal) {
        String language = language(locale);
        Contradictions.Flag f = contradictions
                .flag(flag, language)
                .orElseThrow(() -> new NotFoundException("There is no contradiction flag " + flag + "."));
        submissions.submit(
                principal.getName(),
                "explanation of contradiction " + flag,
                contradictions.explanation(f, note, language),
                "atlas disputes page",
                false);
        return "redirect:/disputes#flag-" + flag;
    }

    private static String language(Locale locale) {
        return locale.getLanguage().equals("zh") ? "zh" : "en";
    }
}
