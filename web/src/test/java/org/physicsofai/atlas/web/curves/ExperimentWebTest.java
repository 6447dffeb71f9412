package org.physicsofai.atlas.web.curves;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;

/** The experiment page on the seed's phase diagram: 121 runs, two varied keys, observed values. */
class ExperimentWebTest extends AtlasWebTest {

    private static final String PHASE_DIAGRAM =
            "https://w3id.org/physics-of-ai/id/experiment/liu2022eff-toy-addition-phase-diagram";

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePhaseDiagramListsItsRunsWithTheVariedKeysFirstAndHighlighted() throws Exception {
        HttpResponse<String> response =
                get("/experiment?iri=" + URLEncoder.encode(PHASE_DIAGRAM, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        String html = response.body();

        int rows = html.split("<tr data-run=\"", -1).length - 1;
        assertThat(rows).isEqualTo(121);
        assertThat(html).contains("id=\"experiment-varies\"").contains("id=\"compare-selected\"");
        assertThat(html).contains("data-column-key=\"config:decoder_lr\" data-kind=\"config\" class=\"varied\"");
        assertThat(html).contains("data-column-key=\"config:weight_decay\" data-kind=\"config\" class=\"varied\"");
        assertThat(html)
                .contains(
                        "data-column-key=\"observed:https://w3id.org/physics-of-ai/id/observable/steps-to-train-threshold\"");
        assertThat(html)
                .contains("name=\"run\" value=\"https://w3id.org/physics-of-ai/id/run/liu2022eff-pd-lr00-wd01\"");
        // The run of lr=10^-4, weight decay 1 reached the training threshold at step 1815.
        int row = html.indexOf("<tr data-run=\"https://w3id.org/physics-of-ai/id/run/liu2022eff-pd-lr00-wd01\"");
        assertThat(html.substring(row, html.indexOf("</tr>", row))).contains("data-sort=\"1815.0\"");
        // what was found on each run comes first: the phase recorded with the run (lr=10^-4, no weight decay:
        // comprehension)
        assertThat(html).containsSubsequence("data-column-key=\"verdict:phase\"", "data-column-key=\"config:");
        int first = html.indexOf("<tr data-run=\"https://w3id.org/physics-of-ai/id/run/liu2022eff-pd-lr00-wd00\"");
        assertThat(html.substring(first, html.indexOf("</tr>", first))).contains(">comprehension phase</td>");
        assertThat(html).contains(">phase</button>").doesNotContain("??");
        assertThat(html).contains("/js/tables.js").doesNotContainPattern("<script(?![^>]*src=)[^>]*>");

        String entity =
                get("/id/experiment/liu2022eff-toy-addition-phase-diagram").body();
        assertThat(entity).contains("id=\"experiment-runs\"");
        assertThat(get("/experiment?iri=" + URLEncoder.encode(PHASE_DIAGRAM + "-none", StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(404);
    }
}
