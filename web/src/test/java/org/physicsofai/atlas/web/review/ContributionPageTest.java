package org.physicsofai.atlas.web.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;

/**
 * A contribution waiting for review is shown to its author and to curators, grouped by node with labels
 * and its raw statements folded; to another contributor and to anonymous readers it does not exist, and
 * the contribution's public entity page does not show its statements either.
 */
class ContributionPageTest extends AtlasWebTest {

    /** A seed run and observable (nodes that other tests of the shared application add may sort first). */
    private static final String RUN = "/id/run/liu2022eff-pd-lr00-wd01";

    private static final String OBSERVABLE = "/id/observable/train-accuracy";

    @Test
    void aPendingSubmissionIsShownToItsAuthorAndCuratorsOnly() {
        String marker = "pending page check " + UUID.randomUUID();
        WebClient author = signedIn("pia-author", Role.CONTRIBUTOR);
        author.get("/submit/observation");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("skos_prefLabel@en", marker);
        form.put("atlas_run", RUN);
        form.put("atlas_observable", OBSERVABLE);
        form.put("atlas_value", "0.25");
        form.put("atlas_step", "1200");
        form.put("atlas_event", "pia onset");
        HttpResponse<String> submitted = author.post("/submit/observation", form);
        assertThat(submitted.statusCode()).isEqualTo(302);
        String entityPage = WebClient.location(submitted);

        // the submission says it waits for review and links to the page that shows it
        String landing = author.get(entityPage).body();
        assertThat(landing).contains("id=\"contribution-pending-link\"").doesNotContain(marker);
        String link = landing.replaceAll("(?s).*id=\"contribution-pending-link\" href=\"([^\"]+)\".*", "$1")
                .replace("&amp;", "&");
        assertThat(link).startsWith("/contribution?iri=");
        String iri = entityPage.replace("/id/", "http://localhost:8080/id/");
        assertThat(link).isEqualTo("/contribution?iri=" + iri);

        String page = author.get(link).body();
        assertThat(page)
                .contains("id=\"contribution-pending\"")
                .contains("class=\"contribution-node\"")
                .contains("<strong class=\"node-label\" title=\"" + marker + "\">" + marker + "</strong>")
                .contains("pia onset")
                .contains("<details class=\"raw-diff\">")
                .doesNotContain("id=\"contribution-review\"");
        // the observation's run and observable are named by their labels, not by their slugs
        String run = RUN;
        assertThat(page).containsPattern("href=\"" + run + "\"[^>]*>[^<]+</a>");
        assertThat(page).doesNotContain(">" + run.substring(run.lastIndexOf('/') + 1) + "<");

        WebClient curator = signedIn("pia-curator", Role.CURATOR);
        assertThat(curator.get(link).body()).contains(marker).contains("id=\"contribution-review\"");
        assertThat(curator.get("/review").body())
                .contains("class=\"contribution-node\"")
                .contains(marker)
                .contains("href=\"" + link.replace("&", "&amp;") + "&amp;from=0\"");

        WebClient other = signedIn("pia-other", Role.CONTRIBUTOR);
        assertThat(other.get(link).statusCode()).isEqualTo(404);
        assertThat(other.get(link).body()).doesNotContain(marker);
        WebClient anonymous = new WebClient(port);
        assertThat(anonymous.get(link).statusCode()).isEqualTo(404);
        assertThat(anonymous.get(entityPage).body()).doesNotContain(marker).doesNotContain("pia onset");
        assertThat(anonymous
                        .get("/contribution?iri=http://localhost:8080/id/contribution/none")
                        .statusCode())
                .isEqualTo(404);
    }
}
