package org.physicsofai.atlas.web.curves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/** The compare page on Lightning logs with known values: two seeds of one configuration and one other learning rate. */
class CompareWebTest extends AtlasWebTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Importer importer;

    private String importRun(String name, String hparams, double... loss) throws Exception {
        Path folder = Files.createTempDirectory("compare").resolve(name);
        Files.createDirectories(folder);
        StringBuilder csv = new StringBuilder("step,train_loss\n");
        for (int i = 0; i < loss.length; i++) {
            csv.append(i).append(',').append(loss[i]).append('\n');
        }
        Files.writeString(folder.resolve("metrics.csv"), csv);
        Files.writeString(folder.resolve("hparams.yaml"), hparams);
        ImportReport report = importer.run(
                new ImportRequest(
                        List.of(ImportRequest.Source.of(folder)),
                        ImportFormat.parse("lightning"),
                        "compare test",
                        new ObservableMapping(Map.of()),
                        AgentRef.CURATORS,
                        true),
                ImportProgress.NONE);
        assertThat(report.outcome()).isNotEqualTo(ImportReport.Outcome.FAILED);
        return report.runs().get(0);
    }

    private String page(String query) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/compare?" + query))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String runs(String... iris) {
        StringBuilder q = new StringBuilder();
        for (String iri : iris) {
            q.append(q.isEmpty() ? "" : "&").append("run=").append(URLEncoder.encode(iri, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    /** The data-value of a column in a row of the train_loss table: a run's row or the mean or spread row. */
    private static double cell(String html, String rowMarker, String column) {
        int table = html.indexOf("data-metric=\"train_loss\"");
        int row = html.indexOf(rowMarker, table);
        assertThat(row).as(rowMarker).isPositive();
        Matcher m = Pattern.compile("data-column=\"" + column + "\" data-value=\"([^\"]+)\"")
                .matcher(html);
        assertThat(m.find(row)).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void runsThatDifferOnlyBySeedShowTheirDifferingKeyAndMeanAndSpread() throws Exception {
        String a = importRun("seed-1", "lr: 0.1\nseed: 1\n", 5, 4, 3, 2, 1);
        String b = importRun("seed-2", "lr: 0.1\nseed: 2\n", 6, 2, 8, 4, 3);

        String html = page(runs(a, b) + "&step=2");

        assertThat(html).contains("data-key=\"seed\"").doesNotContain("data-key=\"lr\"");
        assertThat(html).contains("id=\"seeds-only\"");
        assertThat(cell(html, "data-run=\"" + a + "\"", "at")).isEqualTo(3.0);
        assertThat(cell(html, "data-run=\"" + b + "\"", "at")).isEqualTo(8.0);
        assertThat(cell(html, "data-run=\"" + b + "\"", "min")).isEqualTo(2.0);
        assertThat(cell(html, "data-run=\"" + b + "\"", "max")).isEqualTo(8.0);
        assertThat(cell(html, "data-run=\"" + a + "\"", "last")).isEqualTo(1.0);
        assertThat(cell(html, "class=\"mean\"", "at")).isEqualTo(5.5);
        assertThat(cell(html, "class=\"spread\"", "at")).isCloseTo(Math.sqrt(12.5), within(1e-12));
        assertThat(cell(html, "class=\"mean\"", "last")).isEqualTo(2.0);
        assertThat(cell(html, "class=\"spread\"", "last")).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(cell(html, "class=\"mean\"", "max")).isEqualTo(6.5);
        assertThat(html).contains("id=\"chart-loss\"").contains("class=\"series\" data-series=\"/api/series/");

        // Without a step, the value column is at the last step both runs reached.
        assertThat(page(runs(a, b))).contains("value=\"4\"");
    }

    @Test
    void runsWithDifferentSettingsShowNoSpread() throws Exception {
        String a = importRun("lr-1", "lr: 0.1\nseed: 7\n", 1, 2, 3);
        String c = importRun("lr-2", "lr: 0.01\nseed: 7\n", 3, 2, 1);

        String html = page(runs(a, c) + "&step=1");

        assertThat(html).contains("data-key=\"lr\"").doesNotContain("data-key=\"seed\"");
        assertThat(html).doesNotContain("id=\"seeds-only\"").doesNotContain("class=\"mean\"");
        assertThat(cell(html, "data-run=\"" + c + "\"", "at")).isEqualTo(2.0);
        assertThat(page(runs(a))).contains("id=\"compare-hint\"");
    }

    @Test
    void runsAreAddedWithARunPickerAndRemovedByShareableLinks() throws Exception {
        String a = importRun("picker-1", "lr: 0.1\nseed: 11\n", 1, 2, 3);
        String b = importRun("picker-2", "lr: 0.2\nseed: 11\n", 3, 2, 1);
        String c = importRun("picker-3", "lr: 0.3\nseed: 11\n", 2, 2, 2);

        String html = page(runs(a, b, c) + "&step=1");

        // The add field is a search picker for runs that submits the form, which keeps every run in the address.
        assertThat(html)
                .contains("id=\"add-run\" class=\"reference\"")
                .contains("data-types=\"https://w3id.org/physics-of-ai/atlas#Run\"")
                .contains("data-submit-on-pick=\"true\"")
                .contains("/js/pickers.js")
                .contains("<form method=\"get\" action=\"/compare\" id=\"compare-form\">");
        // Each run has a link to the same comparison without it, keeping the others and the step.
        Matcher remove = Pattern.compile("href=\"([^\"]*)\" class=\"remove-run\" id=\"remove-run-1\"")
                .matcher(html);
        assertThat(remove.find()).isTrue();
        String without = remove.group(1).replace("&amp;", "&");
        assertThat(without).isEqualTo("/compare?run=" + a + "&run=" + c + "&step=1");
        String after = page(without.substring("/compare?".length()));
        assertThat(after).contains("data-run=\"" + a + "\"").contains("data-run=\"" + c + "\"");
        assertThat(after).doesNotContain("data-run=\"" + b + "\"");
        assertThat(after).contains("data-key=\"lr\"");
        assertThat(page(runs(a, b) + "&lang=zh")).contains("移除");
    }
}
