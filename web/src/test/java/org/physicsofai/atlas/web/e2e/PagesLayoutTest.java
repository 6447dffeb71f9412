package org.physicsofai.atlas.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.physicsofai.atlas.web.account.Role;

/**
 * The pages a reader lands on, signed in, on a laptop (1400 px) and a phone (390 px), in both
 * languages: no page scrolls sideways, the header's search box and language switch are in view, under
 * the breakpoint the links fold into a menu that opens, no link is named by an IRI or a prefixed slug,
 * and the phenomenon, claim, law, source and run pages show their sections in reading order (a law's
 * formula typeset).
 */
class PagesLayoutTest extends BrowserTest {

    private static final List<String> PAGES = List.of(
            "/",
            "/id/phenomenon/grokking",
            "/id/claim/kumar2023-weight-decay-not-necessary",
            "/id/source/power2022",
            "/id/law/kaplan2020-compute-allocation",
            "/id/law/besiroglu2024-chinchilla-refit",
            "/id/run/liu2022eff-pd-lr00-wd00",
            "/run?iri=https://w3id.org/physics-of-ai/id/run/liu2022eff-pd-lr00-wd00",
            "/experiment?iri=https://w3id.org/physics-of-ai/id/experiment/liu2022eff-toy-addition-phase-diagram",
            "/law?iri=https://w3id.org/physics-of-ai/id/law/liu2022omni-grokking-time-vs-weight-decay",
            "/downloads",
            "/id/observable/test-accuracy",
            "/observable?iri=https://w3id.org/physics-of-ai/id/observable/test-accuracy",
            "/trace?from=edge+of+stability&to=2201.02177",
            "/trace?from=grokking",
            "/why?claim=liu2022omni-lu-mechanism",
            "/disputes",
            "/claims",
            "/sparql");

    private static final List<String> SECTIONS = List.of(
            "phenomenon-claims",
            "phenomenon-observables",
            "phenomenon-seen",
            "phenomenon-disputes",
            "phenomenon-related",
            "phenomenon-sources",
            "raw-statements");

    /** Each entity page's sections, in reading order. */
    private static final Map<String, List<String>> ENTITY_SECTIONS = Map.of(
            "/id/claim/kumar2023-weight-decay-not-necessary",
            List.of("claim-statement", "claim-facts", "claim-sources", "why-panel", "raw-statements"),
            "/id/law/besiroglu2024-chinchilla-refit",
            List.of(
                    "claim-statement",
                    "claim-facts",
                    "claim-sources",
                    "law-formula-section",
                    "law-parameters-section",
                    "law-checks-section",
                    "why-panel",
                    "raw-statements"),
            "/id/source/kumar2023",
            List.of("source-citation", "source-states", "raw-statements"),
            "/id/run/liu2022eff-pd-lr00-wd00",
            List.of("run-verdicts", "raw-statements"));

    /** Link text that is an Atlas IRI or a prefixed slug of a node. */
    private static final String IRI_LINKS = "return Array.from(document.querySelectorAll('a'))"
            + ".map(a => a.textContent.trim())"
            + ".filter(t => /^(https?:\\/\\/\\S*\\/id\\/\\S+|https?:\\/\\/w3id\\.org\\/physics-of-ai\\/\\S*"
            + "|[a-z]+:[a-z]+\\/[\\w.\\-]+)$/.test(t))";

    @ParameterizedTest
    @CsvSource({"1400, en", "1400, zh", "390, en", "390, zh"})
    void pagesFitTheWindowAndTheHeaderWorks(int width, String language) {
        signInAs("layout-reader", Role.ADMIN);
        browser().manage().window().setSize(new Dimension(width, 900));
        List<String> iriLinks = new java.util.ArrayList<>();
        for (String page : PAGES) {
            open(page + (page.contains("?") ? "&" : "?") + "lang=" + language);
            long inner = ((Number) script("return window.innerWidth")).longValue();
            long scroll = ((Number) script("return document.documentElement.scrollWidth")).longValue();
            assertThat(scroll).as("%s at %d px scrolls sideways", page, width).isLessThanOrEqualTo(inner);
            WebElement search = visible(By.id("site-search"));
            assertThat(search.getSize().getWidth()).as("search box on %s", page).isGreaterThan(150);
            WebElement burger = browser().findElement(By.id("nav-burger"));
            WebElement links = browser().findElement(By.id("nav-links"));
            if (width < 900) {
                assertThat(links.isDisplayed()).as("links folded on %s", page).isFalse();
                burger.click();
                visible(By.id("nav-links"));
            } else {
                assertThat(burger.isDisplayed()).isFalse();
            }
            WebElement switcher = browser().findElement(By.cssSelector("#nav-links .languages"));
            assertThat(switcher.isDisplayed()).as("language switch on %s", page).isTrue();
            long right = ((Number) script("return arguments[0].getBoundingClientRect().right", switcher)).longValue();
            assertThat(right).as("language switch in view on %s", page).isLessThanOrEqualTo(inner);
            ((List<?>) script(IRI_LINKS)).forEach(text -> iriLinks.add(page + ": " + text));
        }
        assertThat(iriLinks).as("links named by an IRI").isEmpty();
        for (Map.Entry<String, List<String>> entity : ENTITY_SECTIONS.entrySet()) {
            open(entity.getKey() + "?lang=" + language);
            assertThat(sectionTops(entity.getValue())).as(entity.getKey()).isSorted();
        }
        open("/id/law/besiroglu2024-chinchilla-refit?lang=" + language);
        visible(By.cssSelector("#law-formula-math .katex"));
        assertThat(browser().findElements(By.cssSelector("#law-versions [data-symbol] .katex")))
                .hasSize(5);
        open("/id/phenomenon/grokking?lang=" + language);
        assertThat(sectionTops(SECTIONS)).isSorted();
        browser().manage().window().setSize(new Dimension(1280, 900));
    }

    private List<Long> sectionTops(List<String> ids) {
        return ids.stream()
                .map(id -> ((Number) script(
                                "var e = document.getElementById(arguments[0]);"
                                        + " return e == null ? -1 : e.getBoundingClientRect().top",
                                id))
                        .longValue())
                .peek(top -> assertThat(top).as("section present").isNotNegative())
                .toList();
    }
}
