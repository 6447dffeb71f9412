package org.physicsofai.atlas.web.sweep;

import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Sweeps as the store holds them: each with its experiment, its cells (settings, run, detected and expected phase),
 * the locked prediction and its score. Reading only: sweeps are launched by the operator on the command line.
 */
@Controller
class SweepsController {

    private final SweepViews views;

    SweepsController(SweepViews views) {
        this.views = views;
    }

    @GetMapping("/sweeps")
    String sweeps(Locale locale, Model model) {
        model.addAttribute("sweeps", views.sweeps(language(locale)));
        return "sweeps";
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
