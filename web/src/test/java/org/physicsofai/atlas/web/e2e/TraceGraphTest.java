package org.physicsofai.atlas.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The neighbourhood drawing of {@code /trace}: no two node names overlap, clicking a node adds its
 * neighbours to the drawing without leaving the page (and names it whole, linked to its page), unticking
 * a kind of link hides those links; and the fields of {@code /trace} complete names as the header does.
 */
class TraceGraphTest extends BrowserTest {

    private static final String OVERLAPS = """
            const cy = document.getElementById('trace-graph').atlasGraph;
            const boxes = cy.nodes().filter(n => n.visible())
                .map(n => ({ id: n.id(), b: n.boundingBox({ includeLabels: true, includeOverlays: false }) }));
            const out = [];
            for (let i = 0; i < boxes.length; i++) {
              for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i].b, b = boxes[j].b;
                if (a.x1 + 1 < b.x2 && b.x1 + 1 < a.x2 && a.y1 + 1 < b.y2 && b.y1 + 1 < a.y2) {
                  out.push(boxes[i].id + ' / ' + boxes[j].id);
                }
              }
            }
            return out;""";

    @Test
    void theNeighbourhoodIsReadableExpandsInPlaceAndFiltersLinksByKind() {
        open("/trace?from=grokking");
        WebElement graph = visible(By.id("trace-graph"));
        waiting().until(d -> graph.getAttribute("data-drawn") != null);
        int drawn = Integer.parseInt(graph.getAttribute("data-drawn"));
        assertThat(drawn).isGreaterThan(5);
        assertThat(script(OVERLAPS)).as("names that overlap").asList().isEmpty();

        script("arguments[0].scrollIntoView({block: 'center'})", graph);
        String page = currentPath();
        int expandedTo = drawn;
        String chosen = null;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) script("""
                const cy = document.getElementById('trace-graph').atlasGraph;
                const box = document.getElementById('trace-graph').getBoundingClientRect();
                return cy.nodes().filter(n => n.data('distance') === 1).map(n => ({ id: n.id(), full: n.data('full'),
                    x: n.renderedPosition().x - box.width / 2, y: n.renderedPosition().y - box.height / 2 }));""");
        for (Map<String, Object> node : candidates.subList(0, Math.min(6, candidates.size()))) {
            new Actions(browser())
                    .moveToElement(graph, ((Number) node.get("x")).intValue(), ((Number) node.get("y")).intValue())
                    .click()
                    .perform();
            waiting().until(d -> graph.getAttribute("data-expanding") == null);
            chosen = (String) node.get("full");
            expandedTo = Integer.parseInt(graph.getAttribute("data-drawn"));
            if (expandedTo > drawn) {
                break;
            }
        }
        assertThat(expandedTo).as("nodes after expanding one in place").isGreaterThan(drawn);
        assertThat(currentPath()).as("still on the same page").isEqualTo(page);
        assertThat(visible(By.id("graph-selection")).getText()).isEqualTo(chosen);
        assertThat(script(OVERLAPS))
                .as("names that overlap after expanding")
                .asList()
                .isEmpty();

        String shownKinds = "return [...new Set(document.getElementById('trace-graph').atlasGraph.edges()"
                + ".filter(e => e.visible()).map(e => e.data('polarity')))]";
        assertThat(script(shownKinds)).asList().contains("structure");
        browser()
                .findElement(By.cssSelector("label:has(#link-filter-structure)"))
                .click();
        assertThat(script(shownKinds)).asList().doesNotContain("structure");
        browser()
                .findElement(By.cssSelector("label:has(#link-filter-structure)"))
                .click();
        assertThat(script(shownKinds)).asList().contains("structure");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void theTraceFieldsCompleteNamesAndKeepThePage() {
        open("/trace");
        WebElement from = visible(By.id("trace-from"));
        from.sendKeys("edge of stab");
        WebElement suggestion = visible(By.cssSelector("#trace-from-suggestions li a"));
        String name = suggestion
                .getText()
                .replace(suggestion.findElement(By.cssSelector(".kind")).getText(), "")
                .strip();
        assertThat(name).containsIgnoringCase("edge of stability");
        suggestion.click();
        assertThat(from.getAttribute("value")).isEqualTo(name);
        assertThat(browser().findElement(By.id("trace-from-suggestions")).isDisplayed())
                .isFalse();
        assertThat(currentPath()).isEqualTo("/trace");
        clickAndWaitForPage(clickable(By.cssSelector("#trace-form button[type=submit]")));
        assertThat(visible(By.id("neighbourhood-result")).getText()).containsIgnoringCase("edge of stability");
        assertThat(consoleErrors()).isEmpty();
    }
}
