package org.physicsofai.atlas.web.sweep;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.physicsofai.atlas.web.account.AccountService;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Sweeps as the store holds them: each with its experiment, its cells (settings, run, detected and expected phase),
 * the locked prediction and its score. Reading only: sweeps are launched by the operator on the command line.
 */
@Controller
class SweepsController {

    private final SweepViews views;
    private final SweepLauncher launcher;
    private final AccountService accounts;

    SweepsController(SweepViews views, SweepLauncher launcher, AccountService accounts) {
        this.views = views;
        this.launcher = launcher;
        this.accounts = accounts;
    }

    @GetMapping("/sweeps")
    String sweeps(Locale locale, Model model) {
        model.addAttribute("sweeps", views.sweeps(language(locale)));
        model.addAttribute("templates", launcher.templates());
        model.addAttribute("launched", launcher.launchedStatus());
        return "sweeps";
    }

    /**
     * Runs a template the operator registered (administrators only: {@code /admin/**} in the security
     * configuration). Only the template's name comes from the request.
     */
    @PostMapping("/admin/sweeps/run")
    String run(@RequestParam String template, Principal principal) {
        launcher.launch(
                template, accounts.agent(accounts.find(principal.getName()).orElseThrow()));
        return "redirect:/sweeps#sweep-launch";
    }

    @GetMapping(path = "/api/sweeps", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<SweepViews.Sweep> api(Locale locale) {
        return views.sweeps(language(locale));
    }

    private static String language(Locale locale) {
        return locale.getLanguage().equals("zh") ? "zh" : "en";
    }
}
