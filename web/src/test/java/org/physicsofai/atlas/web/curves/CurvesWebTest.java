package org.physicsofai.atlas.web.curves;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.ImportProgress;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The run page and the series API's step range, on imported fixture logs in the shared application. */
class CurvesWebTest extends AtlasWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PHASE_RUN = "https://w3id.org/physics-of-ai/id/run/liu2022eff-pd-lr00-wd01";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Importer importer;

    ImportReport importPath(Path path, String experiment) throws Exception {
        ImportReport report = importer.run(
                new ImportRequest(
                        List.of(ImportRequest.Source.of(path)),
                        ImportFormat.parse(null),
                        experiment,
                        new ObservableMapping(Map.of()),
                        AgentRef.CURATORS,
                        true),
                ImportProgress.NONE);
        assertThat(report.outcome()).isNotEqualTo(ImportReport.Outcome.FAILED);
        return report;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/html,application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A CSV log whose train_loss equals 1000 minus the step and whose val_loss dips at step 250. */
    static Path rampLog(String name) throws Exception {
        Path dir = Files.createTempDirectory("curves");
        StringBuilder csv = new StringBuilder("step,train_loss,val_loss\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i)
                    .append(',')
                    .append(1000 - i)
                    .append(',')
                    .append(i == 250 ? -5 : 10 + i % 7)
                    .append('\n');
        }
        Path file = dir.resolve(name + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    static String id(ImportReport report, String suffix) {
        String iri = report.series().stream()
                .filter(s -> s.endsWith(suffix))
                .findFirst()
                .orElseThrow();
        return iri.substring(iri.lastIndexOf('/') + 1);
    }

    @Test
    void theSeriesApiServesAStepRangeAndDownsamplesWithinIt() throws Exception {
        ImportReport report = importPath(rampLog("range-ramp"), "curves range test");
        String loss = id(report, "--train_loss");
        String val = id(report, "--val_loss");

        JsonNode whole =
                JSON.readTree(get("/api/series/" + loss + "?from=100&to=199").body());
        assertThat(whole.get("points").asInt()).isEqualTo(100);
        assertThat(whole.get("step").get(0).asLong()).isEqualTo(100);
        assertThat(whole.get("step").get(99).asLong()).isEqualTo(199);
        assertThat(whole.get("value").get(0).asDouble()).isEqualTo(900.0);

        JsonNode open = JSON.readTree(get("/api/series/" + loss + "?from=990").body());
        assertThat(open.get("points").asInt()).isEqualTo(10);

        JsonNode zoomed = JSON.readTree(
                get("/api/series/" + val + "?from=200&to=599&maxPoints=20").body());
        int n = zoomed.get("points").asInt();
        assertThat(n).isBetween(4, 20);
        assertThat(zoomed.get("step").get(0).asLong()).isEqualTo(200);
        assertThat(zoomed.get("step").get(n - 1).asLong()).isEqualTo(599);
        boolean dip = false;
        for (int i = 0; i < n; i++) {
            long step = zoomed.get("step").get(i).asLong();
            assertThat(step).isBetween(200L, 599L);
            dip |= step == 250 && zoomed.get("value").get(i).asDouble() == -5.0;
        }
        assertThat(dip)
                .as("the lowest point of the range survives downsampling")
                .isTrue();

        String csv = get("/api/series/" + loss + "?from=0&to=2&format=csv").body();
        assertThat(csv.lines().toList()).hasSize(4).element(3).asString().startsWith("2,998.0");

        assertThat(get("/api/series/" + loss + "?from=10&to=5").statusCode()).isEqualTo(400);

        // The run page summarises the series in plain numbers: train_loss falls from 1000 to 1.
        String html = get("/run?iri=" + q(report.runs().get(0))).body();
        int row = html.indexOf("data-label=\"train_loss\"");
        String cells = html.substring(row, html.indexOf("</tr>", row));
        assertThat(cells).contains("<td>1000</td>").contains("<td>1</td>").contains("<td>0–999</td>");
        assertThat(html).contains("data-split=\"val\"").contains("data-split=\"train\"");
        assertThat(get("/api/series/" + loss + "?from=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void theRunPageOfAnImportedRunShowsTypedConfigurationAndOneChartPerFamily() throws Exception {
        ImportReport report = importPath(
                Path.of("../importers/src/test/resources/fixtures/mlflow-deepcnn/mlruns"), "curves mlflow test");
        String run = report.runs().get(0);

        HttpResponse<String> page = get("/run?iri=" + q(run));
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("id=\"chart-loss\"").contains("data-family=\"loss\"");
        assertThat(html).contains("id=\"chart-accuracy\"").contains("data-family=\"accuracy\"");
        for (String series : report.series()) {
            String id = series.substring(series.lastIndexOf('/') + 1);
            assertThat(html).contains("data-series=\"/api/series/" + id + "\"");
            assertThat(html).contains("/api/series/" + id + "?format=csv");
            assertThat(html).contains("/api/series/" + id + "?format=json");
        }
        assertThat(html).contains("data-key=\"LEARNING_RATE\" data-type=\"number\"");
        assertThat(html).contains("data-key=\"EPOCHS\" data-type=\"integer\"");
        assertThat(html).contains("id=\"run-experiment\"").contains("curves mlflow test");
        assertThat(html)
                .containsPattern("/webjars/uplot/[0-9.]+/dist/uPlot.iife.min.js")
                .contains("/js/curves.js");
        assertThat(html).doesNotContainPattern("<script(?![^>]*src=)[^>]*>").doesNotContain("style=\"");

        String entity = get(run.replace("http://localhost:8080", "")).body();
        assertThat(entity).contains("id=\"run-curves\"").contains("/run?iri=" + run);

        assertThat(get("/webjars/uplot/dist/uPlot.iife.min.js").statusCode()).isEqualTo(200);
        assertThat(get("/js/curves.js").statusCode()).isEqualTo(200);
    }

    @Test
    void theRunPageOfASeedRunHighlightsWhatItsExperimentVaries() throws Exception {
        String html = get("/run?iri=" + q(PHASE_RUN)).body();

        assertThat(html).contains("id=\"run-varies\"").contains("id=\"no-curves\"");
        assertThat(html).contains("data-key=\"decoder_lr\" data-type=\"number\" class=\"varied\"");
        assertThat(html)
                .contains("data-key=\"weight_decay\" data-type=\"number\" class=\"varied\"")
                .contains("<td class=\"number\">0.0001</td>");
        assertThat(get("/run?iri=" + q(PHASE_RUN) + "&lang=zh").body()).contains("实验改变的变量");
        // Its observations are listed, with their steps for markers on the charts.
        assertThat(html).contains("id=\"observations\"").contains("train accuracy reached 0.9");
        assertThat(html).contains("data-step=\"1815\"").contains("data-step=\"2402\"");
        assertThat(get("/runs").statusCode())
                .as("the listing of runs is untouched")
                .isEqualTo(200);
        assertThat(get("/run?iri=" + q("https://w3id.org/physics-of-ai/id/run/none"))
                        .statusCode())
                .isEqualTo(404);
    }
}
