package org.physicsofai.atlas.web.law;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.law.KnowledgeAnalysis;
import org.physicsofai.atlas.law.LawCheckPlans;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.SeedAnalysisRunner;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The analysis of the seed after a fresh start of the application: the detector's labels of the
 * phase-diagram runs and the planned checks of the Omnigrok law, on the law page and in its why answer.
 */
class SeedAnalysisWebTest extends AtlasWebTest {

    private static final String OMNIGROK =
            "https://w3id.org/physics-of-ai/id/law/liu2022omni-grokking-time-vs-weight-decay";
    private static final String PLAN =
            "https://w3id.org/physics-of-ai/id/plan/omnigrok-grokking-time-over-toy-addition-phase-diagram";

    @Autowired
    SeedAnalysisRunner runner;

    private final HttpClient http = HttpClient.newHttpClient();

    private String get(String path, String accept) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    void theSeedIsAnalysedAfterAFreshStartAndAgainStoresNothing() throws Exception {
        KnowledgeAnalysis.Report report = runner.finished().get(5, TimeUnit.MINUTES);
        assertThat(report.phases().runs()).hasSize(121);
        List<LawCheckPlans.Outcome> checks = report.checks().of(LawCheckPlans.Kind.CHECKED);
        assertThat(checks).hasSize(4);
        assertThat(checks)
                .allSatisfy(o -> assertThat(o.result().verdict().label()).isEqualTo("inconsistent"));
        assertThat(report.checks().of(LawCheckPlans.Kind.REFUSED)).isEmpty();

        // the checks are in the law's why answer
        String why = get("/api/why?claim=" + URLEncoder.encode(OMNIGROK, StandardCharsets.UTF_8), "application/json");
        for (LawCheckPlans.Outcome o : checks) {
            assertThat(why).contains(o.result().check());
        }

        // the law page shows each check with its group of runs, the plan and the plan's note
        String html = get("/law?iri=" + URLEncoder.encode(OMNIGROK, StandardCharsets.UTF_8), "text/html");
        assertThat(html.split("class=\"law-check\"", -1).length - 1).isGreaterThanOrEqualTo(4);
        assertThat(html).contains("decoder learning rate = 0.0001").contains("decoder learning rate = 0.0003981");
        assertThat(html).contains("data-verdict=\"inconsistent\"");
        assertThat(html).contains("class=\"law-plan\"").contains(PLAN.substring(PLAN.indexOf("/id/")));
        assertThat(html).contains("not in the law&#39;s stated regime");
        int first = html.indexOf("decoder learning rate = 0.0001<");
        String section = html.substring(first, html.indexOf("</section>", first));
        // the plot of one learning rate holds its 9 runs only
        assertThat(section.split("class=\"point\"", -1).length - 1).isEqualTo(9);
        assertThat(get("/law?lang=zh&iri=" + URLEncoder.encode(OMNIGROK, StandardCharsets.UTF_8), "text/html"))
                .contains("检验计划")
                .contains("不在定律声明的适用范围内");

        // the same analysis again (what a restart with the same seed does) stores nothing
        KnowledgeAnalysis.Report again = runner.runAgain();
        assertThat(again.created()).isZero();
        assertThat(again.checks().of(LawCheckPlans.Kind.CHECKED)).hasSize(4);
    }
}
