package org.physicsofai.atlas.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What an anonymous reader does: search as they type, follow links, trace evidence, ask SPARQL. */
class ReadingJourneysTest extends BrowserTest {

    @Test
    void searchingInEnglishSuggestsAsOneTypesAndAChosenSuggestionOpensItsPage() {
        open("/");
        WebElement box = visible(By.id("site-search"));
        box.sendKeys("grokk");

        WebElement suggestion = suggestionLeadingTo("/id/phenomenon/grokking");
        assertThat(suggestion.getText()).startsWith("grokking");
        assertThat(box.getAttribute("aria-expanded")).isEqualTo("true");
        clickAndWaitForPage(suggestion);

        assertThat(currentPath()).isEqualTo("/id/phenomenon/grokking");
        assertThat(visible(ENTITY_LABEL).getText()).isEqualTo("grokking");
    }

    @Test
    void searchingInChineseSuggestsChineseNamesAndTheKeyboardPicksOne() {
        open("/?lang=zh");
        assertThat(browser().findElement(By.tagName("html")).getAttribute("lang"))
                .isEqualTo("zh");
        WebElement box = visible(By.id("site-search"));
        box.sendKeys("顿悟");

        WebElement wanted = suggestionLeadingTo("/id/phenomenon/grokking");
        assertThat(wanted.getText()).startsWith("顿悟");
        List<WebElement> options = browser().findElements(By.cssSelector("#site-search-suggestions li a"));
        int index = options.indexOf(wanted);
        for (int i = 0; i <= index; i++) {
            box.sendKeys(Keys.ARROW_DOWN);
        }
        assertThat(box.getAttribute("aria-activedescendant")).isEqualTo("site-search-option-" + index);
        WebElement html = browser().findElement(By.tagName("html"));
        box.sendKeys(Keys.ENTER);
        waiting().until(d -> currentPath().equals("/id/phenomenon/grokking"));
        waiting().until(ExpectedConditions.stalenessOf(html));
        waitForDocument();

        assertThat(visible(ENTITY_LABEL).getText()).isEqualTo("顿悟");
    }

    @Test
    void anEntityPageLinksToWhatItMentionsAndBackAndToATraceAroundIt() {
        open("/id/phenomenon/grokking");
        assertThat(visible(ENTITY_LABEL).getText()).isEqualTo("grokking");

        // A phenomenon's page lists its sources as citations; its raw statements are folded.
        assertThat(browser().findElement(By.id("outgoing")).isDisplayed()).isFalse();
        clickAndWaitForPage(visible(By.cssSelector("#phenomenon-sources a[href='/id/source/power2022']")));
        assertThat(currentPath()).isEqualTo("/id/source/power2022");
        String source = visible(ENTITY_LABEL).getText();
        assertThat(source).isNotBlank().isNotEqualTo("grokking");

        // A source's page shows its citation and statements; its raw statements are folded too.
        clickable(By.cssSelector("#raw-statements > summary")).click();
        clickAndWaitForPage(visible(By.cssSelector("#incoming a[href='/id/phenomenon/grokking']")));
        assertThat(currentPath()).isEqualTo("/id/phenomenon/grokking");

        clickAndWaitForPage(clickable(By.id("trace-from-here")));
        assertThat(currentPath()).startsWith("/trace?from=");
        visible(By.id("neighbourhood-result"));
        assertThat(browser()
                        .findElements(
                                By.cssSelector("#neighbourhood-result ul.neighbours a[href='/id/source/power2022']")))
                .isNotEmpty();
        assertThat(drawnNodes()).isGreaterThan(1);
    }

    @Test
    void tracingBetweenTwoSeedNodesDrawsTheGraphAndListsThePaths() {
        open("/trace");
        visible(By.name("from")).sendKeys("/id/phenomenon/grokking");
        browser().findElement(By.name("to")).sendKeys("/id/source/power2022");
        clickAndWaitForPage(browser().findElement(By.cssSelector("#trace-form button[type=submit]")));

        visible(By.id("trace-result"));
        List<WebElement> paths = browser().findElements(By.cssSelector("#trace-result ol.paths > li"));
        assertThat(paths).isNotEmpty();
        assertThat(paths.get(0).findElements(By.cssSelector("li.hop"))).isNotEmpty();
        assertThat(paths.get(0).findElements(By.cssSelector("li.hop a[href='/id/source/power2022']")))
                .isNotEmpty();
        int nodes = drawnNodes();
        assertThat(nodes).isGreaterThanOrEqualTo(2);
        assertThat(Pixels.painted(browser(), browser().findElement(By.id("trace-graph"))))
                .as("pixels painted on the graph's canvases")
                .isGreaterThan(100);
    }

    @Test
    void anExampleQueryOnTheSparqlPageRunsAndShowsItsTable() {
        open("/sparql");
        WebElement example = visible(By.cssSelector("#sparql-examples li a"));
        String title = example.getText();
        clickAndWaitForPage(example);

        visible(By.cssSelector("#sparql-form .CodeMirror"));
        String query = (String) script("return window.atlasSparqlEditor.getValue()");
        assertThat(query).as("the query of the example %s", title).containsIgnoringCase("SELECT");
        clickable(By.cssSelector("#sparql-form button[type=submit]")).click();

        WebElement table = visible(By.id("sparql-table"));
        assertThat(table.findElements(By.cssSelector("thead th"))).isNotEmpty();
        assertThat(table.findElements(By.cssSelector("tbody tr"))).isNotEmpty();
        assertThat(browser().findElements(By.id("sparql-error"))).isEmpty();
        assertThat(browser().findElement(By.id("query")).getAttribute("value")).isEqualTo(query);
    }

    /** Waits for the header's suggestion that links to the given path. */
    private WebElement suggestionLeadingTo(String path) {
        visible(By.id("site-search-suggestions"));
        return visible(By.cssSelector("#site-search-suggestions li a[href='" + path + "']"));
    }

    /** Waits until trace.js has drawn the graph and answers its number of nodes. */
    private int drawnNodes() {
        WebElement graph = visible(By.id("trace-graph"));
        waiting().until(d -> graph.getAttribute("data-drawn") != null || graph.getAttribute("data-error") != null);
        assertThat(graph.getAttribute("data-error")).isNull();
        assertThat(graph.findElements(By.tagName("canvas"))).isNotEmpty();
        return Integer.parseInt(graph.getAttribute("data-drawn"));
    }
}
