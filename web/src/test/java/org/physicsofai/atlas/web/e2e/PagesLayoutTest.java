package org.physicsofai.atlas.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.physicsofai.atlas.web.account.Role;

/**
 * The pages a reader lands on, signed in, on a laptop (1400 px) and a phone (390 px), in both
 * languages: no page scrolls sideways, the header's search box and language switch are in view, under
 * the breakpoint the links fold into a menu that opens, and the phenomenon page shows its sections in
 * reading order.
 */
class PagesLayoutTest extends BrowserTest {

    private static final List<String> PAGES = List.of(
            "/",
            "/id/phenomenon/grokking",
            "/id/claim/kumar2023-weight-decay-not-necessary",
            "/id/source/power2022",
            "/id/law/kaplan2020-compute-allocation",
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

    @ParameterizedTest
    @CsvSource({"1400, en", "1400, zh", "390, en", "390, zh"})
    void pagesFitTheWindowAndTheHeaderWorks(int width, String language) {
        signInAs("layout-reader", Role.ADMIN);
        browser().manage().window().setSize(new Dimension(width, 900));
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
        }
        open("/id/phenomenon/grokking?lang=" + language);
        List<Long> tops = SECTIONS.stream()
                .map(id -> ((Number)
                                script("return document.getElementById(arguments[0]).getBoundingClientRect().top", id))
                        .longValue())
                .toList();
        assertThat(tops).isSorted();
        browser().manage().window().setSize(new Dimension(1280, 900));
    }
}
