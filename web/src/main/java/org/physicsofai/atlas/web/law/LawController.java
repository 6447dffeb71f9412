package org.physicsofai.atlas.web.law;

import java.util.Locale;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The law page: a law's checks, each with its data, the published curve and the fitted curve. */
@Controller
class LawController {

    private final LawChecks checks;

    LawController(LawChecks checks) {
        this.checks = checks;
    }

    @GetMapping("/law")
    String law(@RequestParam String iri, Locale locale, Model model) {
        LawChecks.LawView view = checks.law(iri, locale.getLanguage().equals("zh") ? "zh" : "en")
                .orElseThrow(() -> new NotFoundException("The Atlas knows no law " + iri + "."));
        model.addAttribute("law", view);
        model.addAttribute("lawTex", TexFormula.of(view.formula()));
        return "law";
    }
}
