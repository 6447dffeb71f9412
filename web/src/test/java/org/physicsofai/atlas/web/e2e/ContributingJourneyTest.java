package org.physicsofai.atlas.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;
import org.physicsofai.atlas.web.account.Role;

/** A contributor's observation goes through the forms, waits for review, and becomes findable. */
class ContributingJourneyTest extends BrowserTest {

    private static final String LABEL = "plateau timed in a browser journey";

    /** How long to wait for the suggestions of one keystroke before typing the text again. */
    private static final Duration RETYPE_AFTER = Duration.ofSeconds(4);

    @Test
    void anObservationSubmittedThroughTheFormIsPendingThenAcceptedByACuratorThenFound() {
        signInAs("e2e-contributor", Role.CONTRIBUTOR);
        open("/submit/observation");
        visible(By.id("skos_prefLabel")).sendKeys(LABEL);
        browser().findElement(By.id("atlas_run")).sendKeys("/id/run/liu2022eff-pd-lr00-wd01");

        // The observable through the field's picker: type part of a name, choose the suggestion.
        WebElement observable = browser().findElement(By.id("atlas_observable"));
        observable.sendKeys("grokking delay");
        WebElement pick = visible(By.xpath(
                "//ul[@id='atlas_observable-picks']//button[starts-with(normalize-space(.)," + " 'grokking delay')]"));
        pick.click();
        waiting().until(d -> observable.getAttribute("value").endsWith("/observable/grokking-delay"));

        browser().findElement(By.id("atlas_value")).sendKeys("7300");
        browser().findElement(By.id("atlas_step")).sendKeys("7300");
        browser().findElement(By.id("atlas_event")).sendKeys("validation accuracy left chance level");
        clickAndWaitForPage(browser().findElement(By.cssSelector("#submit-form button[type=submit]")));

        // Its contribution page says it is pending; the observation is not knowledge yet.
        String contribution = currentPath();
        assertThat(contribution).startsWith("/id/");
        String page = visible(By.id("content")).getText();
        assertThat(page).contains("pending").contains("Dr e2e-contributor");
        assertThat(suggestionsFromTheIndex(LABEL))
                .as("suggestions while pending")
                .doesNotContain(LABEL);
        signOut();

        // A curator accepts it from the review queue.
        signInAs("e2e-curator", Role.CURATOR);
        open("/review");
        WebElement item = visible(By.xpath("//article[contains(@class,'review-item')][substring(@data-contribution,"
                + " string-length(@data-contribution) - " + (contribution.length() - 1) + ") = '" + contribution
                + "']"));
        assertThat(item.getText()).contains(LABEL);
        clickAndWaitForPage(item.findElement(By.cssSelector("form.review-accept button[type=submit]")));
        assertThat(visible(By.cssSelector("p.done")).getText()).isNotBlank();
        assertThat(browser()
                        .findElements(By.xpath(
                                "//article[substring(@data-contribution, string-length(" + "@data-contribution) - "
                                        + (contribution.length() - 1) + ") = '" + contribution + "']")))
                .isEmpty();
        signOut();

        // Anyone now finds it from the header's search box and lands on its page.
        open("/");
        List<WebElement> found = suggestionsFor(LABEL, WAIT);
        assertThat(found).isNotEmpty();
        WebElement suggestion = found.get(0);
        String target = suggestion.getAttribute("href");
        clickAndWaitForPage(suggestion);
        assertThat(browser().getCurrentUrl()).isEqualTo(target);
        assertThat(visible(ENTITY_LABEL).getText()).isEqualTo(LABEL);
        assertThat(visible(By.id("content")).getText())
                .contains("7300")
                .contains("validation accuracy left chance level")
                .contains("Dr e2e-contributor");
    }

    /** The names the index suggests for the text, asked by the page itself as its search box does. */
    private String suggestionsFromTheIndex(String text) {
        open("/");
        Object answer = ((JavascriptExecutor) browser()).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        fetch('/api/search/suggest?limit=8&q=' + encodeURIComponent(arguments[0]),
                              {headers: {Accept: 'application/json'}})
                          .then(r => r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)))
                          .then(body => done(JSON.stringify((body.suggestions || []).map(s => s.label))))
                          .catch(e => done('failed: ' + e.message));
                        """, text);
        assertThat(answer).asString().startsWith("[");
        return (String) answer;
    }

    /**
     * Types the text into the header's search box until a suggestion with exactly that name appears or
     * the time is up (the index follows the store shortly after a commit), and answers those suggestions.
     */
    private List<WebElement> suggestionsFor(String text, Duration patience) {
        WebElement box = visible(By.id("site-search"));
        By matching =
                By.xpath("//ul[@id='site-search-suggestions']/li/a[starts-with(normalize-space(.), '" + text + "')]");
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        box.sendKeys(text);
        long[] typedAt = {System.nanoTime()};
        try {
            return new FluentWait<>(browser())
                    .withTimeout(patience)
                    .pollingEvery(Duration.ofMillis(200))
                    .until(d -> {
                        List<WebElement> hits = d.findElements(matching);
                        if (!hits.isEmpty() && hits.get(0).isDisplayed()) {
                            return hits;
                        }
                        // Typing again asks the index again; not too often, or a slow answer is cut off.
                        if (System.nanoTime() - typedAt[0] > RETYPE_AFTER.toNanos()) {
                            box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
                            box.sendKeys(text);
                            typedAt[0] = System.nanoTime();
                        }
                        return null;
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            return List.of();
        }
    }
}
