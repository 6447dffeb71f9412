package org.physicsofai.atlas.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The query editor of {@code /sparql}: a reader types a query with the help of completion (an ontology
 * term whose prefix the query does not declare brings its declaration), runs it with the keyboard, and
 * sees the answer's table, or the error, in the window under the editor without leaving the page.
 */
class SparqlEditorTest extends BrowserTest {

    @Test
    void aTypedQueryCompletesTermsRunsInPlaceAndShowsItsTableInView() {
        open("/sparql");
        WebElement input = typeInto("SELECT ?p WHERE { ?p a atlas:Phenomeno");
        input.sendKeys(Keys.chord(Keys.CONTROL, Keys.SPACE));
        WebElement term = waiting()
                .until(d -> d.findElements(By.cssSelector(".CodeMirror-hints li")).stream()
                        .filter(li -> li.getText().startsWith("atlas:Phenomenon "))
                        .findFirst()
                        .orElse(null));
        assertThat(term.getText()).as("the term's label beside its name").contains("Phenomenon");
        term.click();
        input.sendKeys(" }");

        String query = (String) script("return window.atlasSparqlEditor.getValue()");
        assertThat(query)
                .as("the completed term and the declaration of its prefix")
                .startsWith("PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>")
                .contains("?p a atlas:Phenomenon }");
        assertThat(browser().findElements(By.cssSelector(".CodeMirror .cm-keyword")))
                .as("keywords highlighted")
                .extracting(WebElement::getText)
                .contains("SELECT", "WHERE");

        String before = currentPath();
        input.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        WebElement table = visible(By.cssSelector("#sparql-output #sparql-table"));
        assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSizeGreaterThan(5);
        assertThat(table.findElements(By.cssSelector("tbody a")))
                .extracting(a -> a.getAttribute("href"))
                .anyMatch(href -> href.endsWith("/id/phenomenon/grokking"));
        assertInView(table);
        assertThat(currentPath())
                .as("the address carries the query")
                .isNotEqualTo(before)
                .contains("query=");
        assertThat(browser().findElements(By.id("sparql-error"))).isEmpty();
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void anErrorIsShownInViewUnderTheEditor() {
        open("/sparql?lang=zh");
        WebElement input = typeInto("SELECT * WHERE { ?s ?p }");
        clickable(By.id("sparql-run")).click();
        WebElement error = visible(By.cssSelector("#sparql-output #sparql-error"));
        assertThat(error.getText()).contains("查询未能完成").containsIgnoringCase("line 1");
        assertInView(error);
        assertThat(browser().findElements(By.id("sparql-table"))).isEmpty();
        assertThat(input.isDisplayed()
                        || browser().findElement(By.cssSelector(".CodeMirror")).isDisplayed())
                .isTrue();

        // a corrected query replaces the error with its answer
        typeInto("ASK { ?s ?p ?o }");
        clickable(By.id("sparql-run")).click();
        waiting().until(d -> d.findElements(By.id("sparql-error")).isEmpty());
        assertThat(visible(By.cssSelector("#sparql-output .answer")).getText()).isEqualTo("是");
        assertThat(takeConsoleErrors("status of 400"))
                .as("the malformed query's answer (400)")
                .singleElement()
                .asString()
                .contains("/sparql?query=SELECT");
        assertThat(consoleErrors()).isEmpty();
    }

    /** Replaces the editor's text by typing, as a reader would, and gives back the editor's input. */
    private WebElement typeInto(String text) {
        visible(By.cssSelector("#sparql-form .CodeMirror")).click();
        WebElement input = browser().findElement(By.cssSelector("#sparql-form .CodeMirror textarea"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
        return input;
    }

    private void assertInView(WebElement element) {
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) script(
                "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight]",
                element);
        assertThat(box.get(0).doubleValue())
                .as("top of %s", element.getTagName())
                .isGreaterThanOrEqualTo(0);
        assertThat(box.get(0).doubleValue())
                .as("top of %s within the window", element.getTagName())
                .isLessThan(box.get(2).doubleValue() - 40);
    }
}
