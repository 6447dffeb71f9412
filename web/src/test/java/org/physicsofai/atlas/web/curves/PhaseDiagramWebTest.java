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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;

/**
 * The phase-diagram page of the seed's learning-rate x weight-decay experiment against the authors' raw
 * 11 x 11 step matrices (rows: decoder learning rate 10^linspace(-4, -2, 11), columns: weight decay 0..10),
 * labelled here independently with the notebook's rule.
 */
class PhaseDiagramWebTest extends AtlasWebTest {

    private static final String PHASE_DIAGRAM =
            "https://w3id.org/physics-of-ai/id/experiment/liu2022eff-toy-addition-phase-diagram";
    private static final Path DATA_FILES = Path.of("..", "seed-data", "data", "grokking-squared", "phase_diagram_plot");
    private static final Pattern CELL = Pattern.compile("<a href=\"([^\"]*)\"\\s+class=\"cell\"\\s+data-x=\"([^\"]*)\""
            + "\\s+data-y=\"([^\"]*)\"\\s+data-phase=\"([^\"]*)\"\\s+data-recorded=\"([^\"]*)\""
            + "\\s+data-basis=\"([^\"]*)\"\\s+aria-label=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long[][] matrix(String file) throws Exception {
        List<String> lines = Files.readAllLines(DATA_FILES.resolve(file)).stream()
                .filter(l -> !l.isBlank())
                .toList();
        long[][] m = new long[lines.size()][];
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).trim().split("\\s+");
            m[i] = new long[parts.length];
            for (int j = 0; j < parts.length; j++) {
                m[i][j] = (long) Double.parseDouble(parts[j]);
            }
        }
        return m;
    }

    /** The notebook's rule: 99999 (budget - 1) means not reached; gap 1e3. */
    private static String notebookPhase(long train, long test) {
        if (train == 99_999) {
            return "confusion";
        }
        if (test == 99_999) {
            return "memorization";
        }
        return test - train < 1000 ? "comprehension" : "grokking";
    }

    @Test
    void theSeedPhaseDiagramReproducesThePublishedLabelsCellByCell() throws Exception {
        // the grokking detector labels the runs after start-up, from the steps recorded on them (every test
        // starts after that analysis)
        HttpResponse<String> response =
                get("/phase-diagram?iri=" + URLEncoder.encode(PHASE_DIAGRAM, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        String html = response.body();

        long[][] train = matrix("train_steps.txt");
        long[][] test = matrix("test_steps.txt");
        Map<String, Integer> expectedCounts = new HashMap<>();
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 11; j++) {
                String p = notebookPhase(train[i][j], test[i][j]);
                expected.put(i + "," + j, p);
                expectedCounts.merge(p, 1, Integer::sum);
            }
        }
        assertThat(expectedCounts)
                .containsEntry("comprehension", 17)
                .containsEntry("grokking", 16)
                .containsEntry("memorization", 49)
                .containsEntry("confusion", 39);

        Matcher m = CELL.matcher(html);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            double lr = Double.parseDouble(m.group(2));
            double wd = Double.parseDouble(m.group(3));
            int i = (int) Math.round((Math.log10(lr) + 4) / 0.2);
            int j = (int) Math.round(wd);
            assertThat(Math.abs(Math.log10(lr) - (-4 + 0.2 * i))).isLessThan(1e-9);
            String key = i + "," + j;
            assertThat(m.group(4))
                    .as("phase of lr index %d, weight decay %d", i, j)
                    .isEqualTo(expected.get(key));
            assertThat(m.group(5)).as("recorded label").isEqualTo(expected.get(key));
            assertThat(m.group(6)).as("the phase is the detector's label").isEqualTo("detector");
            assertThat(m.group(1))
                    .startsWith("/run?iri=")
                    .endsWith(URLEncoder.encode(
                            "https://w3id.org/physics-of-ai/id/run/liu2022eff-pd-lr%02d-wd%02d".formatted(i, j),
                            StandardCharsets.UTF_8));
            assertThat(m.group(7)).isNotBlank();
            seen.add(key);
        }
        assertThat(seen).hasSize(121).doesNotHaveDuplicates();

        // x is the decoder learning rate on a log axis (decades 1e-4 .. 1e-2), y the weight decay (0 is not
        // positive: linear).
        assertThat(html).contains("data-x-scale=\"log\"").contains("data-y-scale=\"linear\"");
        assertThat(html).contains(">1e-4<").contains(">1e-3<").contains(">1e-2<");
        assertThat(html).contains("id=\"phase-legend\"").contains("id=\"phase-agreement\"");
        assertThat(html)
                .containsPattern("data-phase=\"grokking\">\\s*<svg[^>]*>.*?</svg>\\s*<a [^>]*>grokking</a>\\s*"
                        + "<span class=\"count\">16</span>");
        assertThat(html).contains("Every cell agrees with the label recorded with its run.");
        assertThat(html).doesNotContainPattern("<script(?![^>]*src=)[^>]*>");

        String zh = get("/phase-diagram?lang=zh&iri=" + URLEncoder.encode(PHASE_DIAGRAM, StandardCharsets.UTF_8))
                .body();
        assertThat(zh).contains("相图").contains("顿悟").contains("对数坐标");
    }

    @Test
    void theExperimentPageLinksToItsPhaseDiagramAndOtherExperimentsAreRefused() throws Exception {
        String experiment = get("/experiment?iri=" + URLEncoder.encode(PHASE_DIAGRAM, StandardCharsets.UTF_8))
                .body();
        assertThat(experiment)
                .contains("id=\"experiment-phase-diagram\"")
                .contains("href=\"/phase-diagram?iri=" + PHASE_DIAGRAM + "\"");

        HttpResponse<String> oneVariable = get("/phase-diagram?iri="
                + URLEncoder.encode(
                        "https://w3id.org/physics-of-ai/id/experiment/nanda2023-modular-addition",
                        StandardCharsets.UTF_8));
        assertThat(oneVariable.statusCode()).isEqualTo(400);
        assertThat(oneVariable.body()).contains("needs exactly two");
        assertThat(get("/phase-diagram?iri=" + URLEncoder.encode(PHASE_DIAGRAM + "-none", StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(404);
    }
}
