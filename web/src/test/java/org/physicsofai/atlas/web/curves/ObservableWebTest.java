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

/** The observable page: the training-loss series of chosen runs, coloured by weight decay. */
class ObservableWebTest extends AtlasWebTest {

    private static final String TRAIN_LOSS = "https://w3id.org/physics-of-ai/id/observable/train-loss";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Importer importer;

    private String importRun(String name, String hparams) throws Exception {
        Path folder = Files.createTempDirectory("overlay").resolve(name);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("metrics.csv"), "step,train_loss\n0,2.0\n1,1.0\n2,0.5\n");
        Files.writeString(folder.resolve("hparams.yaml"), hparams);
        ImportReport report = importer.run(
                new ImportRequest(
                        List.of(ImportRequest.Source.of(folder)),
                        ImportFormat.parse("lightning"),
                        "overlay test",
                        new ObservableMapping(Map.of()),
                        AgentRef.CURATORS,
                        true),
                ImportProgress.NONE);
        assertThat(report.outcome()).isNotEqualTo(ImportReport.Outcome.FAILED);
        return report.runs().get(0);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String row(String html, String run) {
        int at = html.indexOf("data-run=\"" + run + "\"");
        assertThat(at).as(run).isPositive();
        return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
    }

    @Test
    void chosenRunsAreOverlaidAndColouredFromLowToHighWeightDecay() throws Exception {
        String low = importRun("wd-low", "weight_decay: 0.1\n");
        String high = importRun("wd-high", "weight_decay: 1.0\n");

        String html =
                get("/observable?iri=" + q(TRAIN_LOSS) + "&colour=weight_decay&run=" + q(low) + "&run=" + q(high));

        assertThat(html)
                .contains("id=\"chart-overlay\"")
                .contains("<option value=\"weight_decay\" selected=\"selected\">");
        assertThat(row(html, low))
                .contains("data-colour=\"hsl(240, 70%, 45%)\"")
                .contains("data-value=\"0.1\"")
                .contains("data-series=\"/api/series/");
        assertThat(row(html, high)).contains("data-colour=\"hsl(0, 70%, 45%)\"").contains("data-value=\"1\"");
        assertThat(html.split("class=\"series\"", -1).length - 1).isEqualTo(2);

        String all = get("/observable?iri=" + q(TRAIN_LOSS));
        assertThat(all).contains("data-run=\"" + low + "\"").contains("data-run=\"" + high + "\"");
        assertThat(get("/id/observable/train-loss")).contains("id=\"observable-curves\"");
    }
}
