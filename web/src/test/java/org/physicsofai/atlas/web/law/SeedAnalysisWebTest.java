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
import org.physicsofai.atlas.law.LawChecker;
import org.physicsofai.atlas.web.AtlasWebTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analysis of the seed after a fresh start of the application: the detector's labels of the
 * phase-diagram runs and the planned checks of the Omnigrok law, on the law page and in its why answer.
 */
class SeedAnalysisWebTest extends AtlasWebTest {

    private static final String OMNIGROK =
            "https://w3id.org/physics-of-ai/id/law/liu2022omni-grokking-time-vs-weight-decay";
    private static final String LIU2022OMNI = "https://w3id.org/physics-of-ai/id/source/liu2022omni";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PLAN =
            "https://w3id.org/physics-of-ai/id/plan/omnigrok-grokking-time-over-toy-addition-phase-diagram";

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
        KnowledgeAnalysis.Report report = seedAnalysis.finished().get(5, TimeUnit.MINUTES);
        assertThat(report.phases().runs()).hasSize(121);
        // no phase-diagram run lies inside the law's stated regime: one check, not testable with this data
        List<LawCheckPlans.Outcome> checks = report.checks().of(LawCheckPlans.Kind.CHECKED);
        assertThat(checks).singleElement().satisfies(o -> {
            assertThat(o.result().verdict()).isEqualTo(LawChecker.Verdict.NOT_TESTABLE);
            assertThat(o.result().outside()).hasSize(121);
        });
        assertThat(report.checks().of(LawCheckPlans.Kind.REFUSED)).isEmpty();
        String check = checks.get(0).result().check();

        // the why answer: the paper that states the law, no disputing evidence, and the check with its caveat
        JsonNode why = JSON.readTree(
                get("/api/why?claim=" + URLEncoder.encode(OMNIGROK, StandardCharsets.UTF_8), "application/json"));
        assertThat(why.get("statedBy").get(0).asString()).isEqualTo(LIU2022OMNI);
        assertThat(why.get("nodes").get(LIU2022OMNI).get("label").asString()).doesNotStartWith("http");
        // (other tests of the same application may add checks of this law over data of their own)
        for (String side : List.of("supporting", "qualifying", "disputing")) {
            assertThat(why.get("balance").get(side).get("lawChecks").toString()).doesNotContain(check);
            assertThat(why.get("balance").get(side).get("evidence").toString()).doesNotContain(check);
        }
        assertThat(why.get("lawChecks")).anySatisfy(c -> {
            assertThat(c.get("check").asString()).isEqualTo(check);
            assertThat(c.get("verdict").asString()).endsWith("#notTestable");
            assertThat(c.get("runs").asInt()).isZero();
            // other tests of the same application may add runs to the phase diagram, which the re-check counts
            assertThat(c.get("outside").asInt()).isGreaterThanOrEqualTo(121);
        });
        String page = get("/why?claim=" + URLEncoder.encode(OMNIGROK, StandardCharsets.UTF_8), "text/html");
        assertThat(page)
                .contains("stated by")
                .contains("not testable with this data")
                .containsPattern("12\\d runs outside the law&#39;s stated regime");
        // the entity page's why panel shows the same
        assertThat(get(OMNIGROK.substring(OMNIGROK.indexOf("/id/")), "text/html"))
                .contains("class=\"stated-by\"")
                .containsPattern("12\\d runs outside the law&#39;s stated regime");

        // the law page shows the check, its caveat, the regime and the plan's note; no plot without a fit
        String html = get("/law?iri=" + URLEncoder.encode(OMNIGROK, StandardCharsets.UTF_8), "text/html");
        assertThat(html).contains("Starting from a large weight norm: initialisation scale alpha above 1");
        int at = html.indexOf("data-check=\"" + check + "\"");
        assertThat(at).isPositive();
        String section = html.substring(at, html.indexOf("</section>", at));
        assertThat(section).contains("data-verdict=\"notTestable\"").contains("not testable with this data");
        assertThat(section).containsPattern("12\\d runs outside the law&#39;s stated regime are left out");
        // the plan's link and note, even after another test of the shared application checked the law by hand
        assertThat(section).contains("class=\"law-plan\"").contains(PLAN.substring(PLAN.indexOf("/id/")));
        assertThat(section).contains("not in the law&#39;s stated regime");
        assertThat(section).doesNotContain("class=\"point\"");
        assertThat(get("/law?lang=zh&iri=" + URLEncoder.encode(OMNIGROK, StandardCharsets.UTF_8), "text/html"))
                .contains("检验计划")
                .contains("无法用这些数据检验")
                .contains("从较大的权重范数开始")
                .contains("不在定律声明的适用范围内");

        // nothing disputes the law on the disputes page
        assertThat(get("/disputes", "text/html")).doesNotContain(check);

        // the same analysis again (what a restart with the same seed does) stores nothing
        KnowledgeAnalysis.Report again = seedAnalysis.runAgain();
        assertThat(again.created()).isZero();
        assertThat(again.checks().of(LawCheckPlans.Kind.CHECKED)).hasSize(1);
    }
}
