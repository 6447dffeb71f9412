package org.physicsofai.atlas.web.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tracing API and pages over the whole application, on a real TDB2 store with the seed loaded. */
class TraceWebTest extends AtlasWebTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String ID = "https://w3id.org/physics-of-ai/id/";
    private static final String ATLAS = "https://w3id.org/physics-of-ai/atlas#";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = get(path, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return json.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asString()));
        return values;
    }

    @Test
    void theTraceApiAnswersOnTheSeedWithProvenanceOnEveryHop() throws Exception {
        JsonNode answer = api("/api/trace?from=/id/phenomenon/edge-of-stability&to=/id/source/cohen2021&k=3");

        assertThat(answer.get("from").asString()).isEqualTo(ID + "phenomenon/edge-of-stability");
        assertThat(answer.get("maxHops").asInt()).isEqualTo(6);
        JsonNode paths = answer.get("paths");
        assertThat(paths.size()).isEqualTo(3);
        JsonNode first = paths.get(0);
        assertThat(first.get("length").asInt()).isEqualTo(1);
        JsonNode hop = first.get("hops").get(0);
        assertThat(hop.get("from").asString()).isEqualTo(ID + "phenomenon/edge-of-stability");
        assertThat(hop.get("predicate").asString()).isEqualTo(ATLAS + "source");
        assertThat(hop.get("to").asString()).isEqualTo(ID + "source/cohen2021");
        assertThat(hop.get("direction").asString()).isEqualTo("forward");
        assertThat(hop.get("stance").isNull()).isTrue();
        assertThat(hop.get("contribution").get("method").asString()).isEqualTo("seed");
        assertThat(hop.get("contribution").get("agent").asString()).isEqualTo("Atlas curators");
        assertThat(hop.get("contribution").get("status").asString()).isEqualTo("accepted");
        assertThat(hop.get("contribution").get("created").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        for (JsonNode path : paths) {
            assertThat(path.get("hops").size()).isEqualTo(path.get("length").asInt());
            path.get("hops")
                    .forEach(h -> assertThat(h.get("contributions").size()).isPositive());
        }
        assertThat(answer.get("nodes")
                        .get(ID + "phenomenon/edge-of-stability")
                        .get("label")
                        .asString())
                .isEqualTo("progressive sharpening and edge of stability");
        assertThat(answer.get("nodes")
                        .get(ID + "phenomenon/edge-of-stability")
                        .get("href")
                        .asString())
                .isEqualTo("/id/phenomenon/edge-of-stability");
        assertThat(answer.get("predicates").get(ATLAS + "source").asString()).isEqualTo("source");
    }

    @Test
    void theTraceApiTakesFullIrisLinkTypesAndTheChineseLanguage() throws Exception {
        JsonNode answer = api("/api/trace?from=" + encode(ID + "law/kaplan2020-compute-allocation") + "&to="
                + encode("http://localhost:" + port + "/id/source/besiroglu2024")
                + "&link=atlas:disputes&link=source&lang=zh");

        JsonNode paths = answer.get("paths");
        assertThat(paths.size()).isPositive();
        List<String> stances = new ArrayList<>();
        paths.forEach(
                p -> p.get("hops").forEach(h -> stances.add(h.get("stance").asString())));
        assertThat(stances).contains("disputes");
        paths.forEach(p -> p.get("hops")
                .forEach(h -> assertThat(h.get("predicate").asString()).isIn(ATLAS + "disputes", ATLAS + "source")));
        assertThat(answer.get("predicates").get(ATLAS + "disputes").asString()).isEqualTo("反驳");
    }

    @Test
    void badTraceRequestsAreRefusedNamingTheParameter() throws Exception {
        HttpResponse<String> missing = get("/api/trace?from=/id/phenomenon/grokking", "application/json");
        HttpResponse<String> unknown =
                get("/api/trace?from=/id/phenomenon/grokking&to=/id/phenomenon/no-such-thing", "application/json");
        HttpResponse<String> badK = get("/api/trace?from=/id/phenomenon/grokking&to=/id/source/power2022&k=0", null);
        HttpResponse<String> notANumber =
                get("/api/trace?from=/id/phenomenon/grokking&to=/id/source/power2022&maxHops=six", null);
        HttpResponse<String> badLink = get(
                "/api/trace?from=/id/phenomenon/grokking&to=/id/source/power2022&link=" + encode(ATLAS + "certainty"),
                null);

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(missing.body()).contains("to: an IRI is required");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no-such-thing");
        assertThat(badK.statusCode()).isEqualTo(400);
        assertThat(badK.body()).contains("k: must be between 1 and 20");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("maxHops");
        assertThat(badLink.statusCode()).isEqualTo(400);
        assertThat(badLink.body()).contains("linkTypes");
    }

    @Test
    void theWhyApiWeighsTheEvidence() throws Exception {
        JsonNode answer = api("/api/why?claim=/id/claim/liu2022omni-lu-mechanism");

        assertThat(texts(answer.get("evidence"), "stance"))
                .containsExactly("refines", "qualifies", "qualifies", "disputes");
        assertThat(answer.get("evidence")
                        .get(3)
                        .get("contribution")
                        .get("method")
                        .asString())
                .isEqualTo("seed");
        assertThat(answer.get("balance").get("disputing").get("sources").get(0).asString())
                .isEqualTo(ID + "source/truong2026delay");
        assertThat(answer.get("nodes")
                        .get(ID + "source/truong2026delay")
                        .get("label")
                        .asString())
                .isNotBlank();
    }

    @Test
    void aNegatedClaimReadsNegatedOnWhyItsApiAndItsOwnPage() throws Exception {
        String denied = ID + "claim/kumar2023-weight-decay-not-necessary";
        JsonNode english = api("/api/why?claim=/id/claim/kumar2023-weight-decay-not-necessary");
        JsonNode chinese = api("/api/why?claim=/id/claim/kumar2023-weight-decay-not-necessary&lang=zh");
        HttpResponse<String> page = get("/why?claim=/id/claim/kumar2023-weight-decay-not-necessary", BROWSER);
        HttpResponse<String> own = get("/id/claim/kumar2023-weight-decay-not-necessary?lang=zh", BROWSER);

        // the claim's own label reads negated; a negated claim without one reads "Not so: " and its statement
        assertThat(english.get("nodes").get(denied).get("label").asString())
                .isEqualTo("Weight decay not necessary for grokking");
        assertThat(chinese.get("nodes").get(denied).get("label").asString()).isEqualTo("权重衰减并非顿悟所必需");
        assertThat(page.body())
                .contains("Weight decay not necessary for grokking")
                .doesNotContain(">Weight decay is necessary for grokking.<");
        // its own page: the statement, negated, as heading; the label names the page
        assertThat(own.body())
                .contains("class=\"negated\">并非如此：权重衰减是顿悟所必需的。</h1>")
                .contains("<title>权重衰减并非顿悟所必需 ·");
    }

    @Test
    void traceAndWhyTakeNamesAndAskWhichWhenANameFitsSeveralNodes() throws Exception {
        JsonNode byName = api("/api/trace?from=" + encode("edge of stability") + "&to=2201.02177&k=1");
        JsonNode chineseName = api("/api/neighbourhood?node=" + encode("顿悟") + "&hops=1&link=tracks");
        JsonNode why = api("/api/why?claim=" + encode("liu2022omni-lu-mechanism"));
        HttpResponse<String> several = get("/api/why?claim=" + encode("weight decay necessary"), "application/json");
        HttpResponse<String> page = get("/trace?from=" + encode("weight decay necessary") + "&to=grokking", BROWSER);
        HttpResponse<String> whyPage = get("/why?claim=" + encode("weight decay necessary") + "&lang=zh", BROWSER);
        HttpResponse<String> nothing = get("/api/why?claim=" + encode("zzyzx qwv"), "application/json");

        assertThat(byName.get("from").asString()).isEqualTo(ID + "phenomenon/edge-of-stability");
        assertThat(byName.get("to").asString()).isEqualTo(ID + "source/power2022");
        assertThat(chineseName.get("node").asString()).isEqualTo(ID + "phenomenon/grokking");
        assertThat(why.get("claim").asString()).isEqualTo(ID + "claim/liu2022omni-lu-mechanism");
        assertThat(several.statusCode()).isEqualTo(400);
        assertThat(several.body())
                .contains("claim: 'weight decay necessary' may be any of")
                .contains("weight decay (Variable) " + ID + "variable/weight-decay");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"trace-choices\"")
                .contains("names several nodes. Which one do you mean?")
                .contains("href=\"/trace?from=https://w3id.org/physics-of-ai/id/variable/weight-decay&amp;to=grokking")
                .contains(">weight decay</a>")
                .doesNotContain("id=\"trace-result\"");
        assertThat(page.body().split("href=\"/trace\\?from=https://", -1).length)
                .isGreaterThan(2);
        assertThat(whyPage.body())
                .contains("id=\"why-choices\"")
                .contains("对应多个节点")
                .contains("href=\"/why?claim=https://w3id.org/physics-of-ai/id/variable/weight-decay");
        assertThat(nothing.statusCode()).isEqualTo(404);
        assertThat(nothing.body()).contains("zzyzx qwv");
    }

    @Test
    void theNeighbourhoodApiListsNodesByDistance() throws Exception {
        JsonNode answer = api("/api/neighbourhood?node=/id/phenomenon/grokking&hops=1&link=tracks");

        JsonNode neighbours = answer.get("neighbours");
        assertThat(neighbours.get(0).get("iri").asString()).isEqualTo(ID + "phenomenon/grokking");
        assertThat(neighbours.size()).isGreaterThan(2);
        assertThat(answer.get("links").get(0).get("predicate").asString()).isEqualTo(ATLAS + "tracks");
        assertThat(answer.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void theTracePageDrawsAndListsThePaths() throws Exception {
        HttpResponse<String> page = get(
                "/trace?from=/id/law/kaplan2020-compute-allocation&to=/id/source/besiroglu2024&link=disputes&link=source",
                BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("id=\"trace-graph\"").contains("data-source=\"/api/trace?from=https%3A%2F%2F");
        assertThat(body)
                .contains("Path 1: 3 hops")
                .contains("1 source behind it")
                .contains("class=\"hop disputing\"");
        assertThat(body).contains(">disputes</mark>").contains(">seed</a>").contains("Atlas curators");
        assertThat(body)
                .contains("href=\"/id/source/besiroglu2024\"")
                .contains(">Chinchilla Scaling: A replication attempt</a>");
        assertThat(body)
                .containsPattern("src=\"/webjars/cytoscape/[0-9.]+/dist/cytoscape.min.js\"")
                .contains("src=\"/js/trace.js\"");
        assertThat(body).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    }

    @Test
    void oneEndGivesTheNeighbourhoodAndUnknownEndsAreExplained() throws Exception {
        HttpResponse<String> around = get("/trace?from=/id/phenomenon/grokking&hops=1", BROWSER);
        HttpResponse<String> unknown = get("/trace?from=/id/phenomenon/grokking&to=/id/claim/nothing", BROWSER);

        assertThat(around.statusCode()).isEqualTo(200);
        assertThat(around.body()).contains("id=\"neighbourhood-result\"").contains("data-source=\"/api/neighbourhood?");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("id=\"trace-error\"").contains("claim/nothing");
    }

    @Test
    void theWhyPageShowsTheBalanceAndTheTree() throws Exception {
        HttpResponse<String> page = get("/why?claim=/id/claim/liu2022omni-lu-mechanism&lang=zh", BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("class=\"balance\"").contains("独立来源").contains("class=\"evidence-tree\"");
        assertThat(page.body()).contains(">反驳</mark>").contains("data-source=\"/api/why?claim=");
    }

    @Test
    void entityPagesLinkToTracesAndClaimsShowWhy() throws Exception {
        HttpResponse<String> claim = get("/id/claim/liu2022omni-lu-mechanism", BROWSER);
        HttpResponse<String> phenomenon = get("/id/phenomenon/grokking", BROWSER);

        assertThat(claim.body()).contains("id=\"why-panel\"").contains("id=\"trace-from-here\"");
        assertThat(claim.body())
                .contains("href=\"/why?claim=https://w3id.org/physics-of-ai/id/claim/liu2022omni-lu-mechanism\"");
        assertThat(phenomenon.body()).contains("id=\"trace-from-here\"").doesNotContain("id=\"why-panel\"");
    }

    @Test
    void theDrawingsScriptsAreServedFromThisApplication() throws Exception {
        assertThat(get("/js/trace.js", null).statusCode()).isEqualTo(200);
        assertThat(get("/webjars/cytoscape/dist/cytoscape.min.js", null).statusCode())
                .isEqualTo(200);
    }
}
