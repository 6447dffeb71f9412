package org.physicsofai.atlas.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Search, completion and browsing over HTTP, on the whole application with the seed loaded. */
class SearchPagesTest extends AtlasWebTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    KnowledgeStore store;

    // rankings are checked against the knowledge of a started application: the seed and its analysis,
    // which every test of the shared application starts after

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = get(path, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String id(String path) {
        return AtlasOntology.ID_BASE + path;
    }

    private static List<String> iris(JsonNode results) {
        List<String> iris = new ArrayList<>();
        results.get("results").forEach(r -> iris.add(r.get("iri").asString()));
        return iris;
    }

    @ParameterizedTest(name = "\"{0}\" finds {1} first")
    @CsvSource({
        "顿悟, phenomenon/grokking",
        "grokking, phenomenon/grokking",
        "grok, phenomenon/grokking",
        "2201.02177, source/power2022",
        "neural colapse, phenomenon/neural-collapse"
    })
    void theApiFindsTheRightNodeFirst(String text, String expected) throws Exception {
        assertThat(iris(api("/api/search?q=" + encode(text)))).first().isEqualTo(id(expected));
    }

    @ParameterizedTest(name = "the header's search box: \"{0}\" offers and finds {1} first")
    @CsvSource({
        "顿悟, phenomenon/grokking",
        "grokking, phenomenon/grokking",
        "grok, phenomenon/grokking",
        "2201.02177, source/power2022",
        "neural colapse, phenomenon/neural-collapse"
    })
    void theHeaderSearchBoxCompletesAndFindsTheRightNodeFirst(String text, String expected) throws Exception {
        JsonNode completions = api("/api/search/suggest?q=" + encode(text));
        HttpResponse<String> page = get("/search?q=" + encode(text), BROWSER);
        java.util.regex.Matcher firstHit = java.util.regex.Pattern.compile("class=\"hit\" data-iri=\"([^\"]+)\"")
                .matcher(page.body());

        assertThat(completions.get("suggestions").get(0).get("iri").asString()).isEqualTo(id(expected));
        assertThat(firstHit.find()).isTrue();
        assertThat(firstHit.group(1)).isEqualTo(id(expected));
    }

    @Test
    void theApiAnswersInTheDocumentedShape() throws Exception {
        JsonNode page = api("/api/search?q=grokking&limit=5&offset=0");
        JsonNode first = page.get("results").get(0);

        assertThat(page.get("total").asLong()).isGreaterThan(5);
        assertThat(page.get("results")).hasSize(5);
        assertThat(first.get("iri").asString()).isEqualTo(id("phenomenon/grokking"));
        assertThat(first.get("label").asString()).isEqualTo("grokking");
        assertThat(first.get("type").asString()).isEqualTo("Phenomenon");
        assertThat(first.get("score").asDouble()).isPositive();
        assertThat(first.get("snippet").asString()).startsWith("Training accuracy saturates");
        assertThat(first.get("href").asString()).isEqualTo("/id/phenomenon/grokking");
        assertThat(page.get("facets").get("Phenomenon").asLong()).isPositive();
        assertThat(page.get("facets").get("Source").asLong()).isPositive();
    }

    @Test
    void theApiFiltersByTypeAndPages() throws Exception {
        JsonNode sources = api("/api/search?q=grokking&type=source&limit=3&offset=3");

        assertThat(sources.get("total").asLong())
                .isEqualTo(sources.get("facets").get("Source").asLong());
        assertThat(sources.get("results"))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.get("type").asString()).isEqualTo("Source"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/search?q=grokking&limit=0|limit",
                "/api/search?q=grokking&limit=many|limit",
                "/api/search?q=grokking&type=planet|type",
                "/api/search?q=%20|q",
                "/api/search|q"
            })
    void theApiRefusesBadParametersNamingThem(String path, String parameter) throws Exception {
        HttpResponse<String> response = get(path, "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("detail").asString()).contains(parameter);
    }

    @Test
    void completionsComeFromTheIndexInTheReadersLanguage() throws Exception {
        JsonNode english = api("/api/search/suggest?q=" + encode("neural c"));
        JsonNode chinese = api("/api/search/suggest?lang=zh&q=" + encode("顿"));

        assertThat(english.get("suggestions").get(0).get("iri").asString()).isEqualTo(id("phenomenon/neural-collapse"));
        assertThat(english.get("suggestions").get(0).get("href").asString())
                .isEqualTo("/id/phenomenon/neural-collapse");
        assertThat(chinese.get("suggestions").get(0).get("label").asString()).isEqualTo("顿悟");
        assertThat(chinese.get("suggestions").get(0).get("typeLabel").asString())
                .isEqualTo("现象");
    }

    @Test
    void acceptedKnowledgeIsSearchableAtOnceAndRetractedKnowledgeDisappears() throws Exception {
        var graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(
                        "<https://w3id.org/physics-of-ai/id/phenomenon/zebra-plateau>"
                                + " a <https://w3id.org/physics-of-ai/atlas#Phenomenon> ;"
                                + " <http://www.w3.org/2004/02/skos/core#prefLabel> \"zebra plateau\"@en .",
                        Lang.TURTLE)
                .parse(graph);
        ContributionRecord added = store.submit(new NewContribution(
                        graph, ContributionMethod.MANUAL, AgentRef.CURATORS, null, null, null, List.of(), true))
                .contribution();

        assertThat(iris(api("/api/search?q=zebra"))).containsExactly(id("phenomenon/zebra-plateau"));

        store.retract(added.iri(), AgentRef.CURATORS, "test over");

        assertThat(api("/api/search?q=zebra").get("total").asLong()).isZero();
    }

    @Test
    void theResultsPageShowsHitsSnippetsFacetsAndPages() throws Exception {
        HttpResponse<String> page = get("/search?q=weight+decay", BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-iri=\"" + id("variable/weight-decay") + "\"")
                .contains("href=\"/id/variable/weight-decay\"")
                .contains("<mark>decay</mark>")
                .containsPattern("href=\"/search\\?q=weight%20decay&amp;type=Run\"[^>]*>Runs \\(\\d+\\)</a>")
                .contains("href=\"/search?q=weight%20decay&amp;type=&amp;page=2\"");
        assertThat(page.body().indexOf("data-iri=\"" + id("variable/weight-decay") + "\""))
                .isLessThan(page.body().indexOf("data-iri=\"" + id("run/")));
    }

    @Test
    void theResultsPageEscapesWhatWasTyped() throws Exception {
        HttpResponse<String> page = get("/search?q=" + encode("<script>alert(1)</script> grokking"), BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void aSearchThatFindsNothingSuggestsCloseMatches() throws Exception {
        HttpResponse<String> page = get("/search?q=xrokking", BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Nothing found for “xrokking”")
                .contains("Did you mean:")
                .contains("href=\"/id/phenomenon/grokking\"");
    }

    @Test
    void theResultsPageSpeaksChinese() throws Exception {
        HttpResponse<String> page = get("/search?lang=zh&q=" + encode("顿悟"), BROWSER);

        assertThat(page.body()).contains("<h1>搜索</h1>").contains(">顿悟</a>").contains("现象");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/search", "/sparql", "/ontology", "/id/phenomenon/grokking", "/sources"})
    void everyPageHasTheSearchBoxWithItsScript(String path) throws Exception {
        HttpResponse<String> page = get(path, BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"site-search\"")
                .contains("data-suggest=\"/api/search/suggest\"")
                .contains("<script src=\"/js/search.js\" defer></script>")
                .doesNotContainPattern("<script>[^<]");
    }

    @Test
    void theAutocompleteScriptIsServedAndWritesOnlyText() throws Exception {
        HttpResponse<String> script = get("/js/search.js", "*/*");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(script.body()).contains("textContent").doesNotContain("innerHTML");
    }

    @Test
    void listingsSortAndFilter() throws Exception {
        HttpResponse<String> phenomena = get("/phenomena", BROWSER);
        HttpResponse<String> of2022 = get("/sources?year=2022", BROWSER);
        HttpResponse<String> grokkingObservables =
                get("/observables?phenomenon=" + encode(id("phenomenon/grokking")), BROWSER);
        HttpResponse<String> neuralCollapseObservables =
                get("/observables?phenomenon=" + encode(id("phenomenon/neural-collapse")), BROWSER);

        assertThat(phenomena.body())
                .contains("href=\"/id/phenomenon/grokking\"")
                .contains("<h1>Phenomena</h1>");
        assertThat(of2022.body())
                .contains("href=\"/id/source/power2022\"")
                .doesNotContain("href=\"/id/source/dohare2024\"");
        assertThat(grokkingObservables.body())
                .contains("href=\"/id/observable/train-loss\"")
                .doesNotContain("href=\"/id/observable/nc1-within-class-variability\"");
        assertThat(neuralCollapseObservables.body()).doesNotContain("href=\"/id/observable/train-loss\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/phenomena", "/observables", "/experiments", "/runs", "/models", "/claims", "/laws", "/sources"
            })
    void everyListingShowsItsEntries(String path) throws Exception {
        HttpResponse<String> page = get(path, BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("class=\"striped entries\"").containsPattern("href=\"/id/[a-z]+/");
    }

    @Test
    void aListingRefusesAnUnknownOrder() throws Exception {
        HttpResponse<String> page = get("/runs?sort=year", BROWSER);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("sort: only sources can be sorted by year");
    }

    @Test
    void theHomePageOffersEntryPointsAndListings() throws Exception {
        HttpResponse<String> page = get("/", BROWSER);

        assertThat(page.body())
                .contains("Where to start")
                .contains("href=\"/id/phenomenon/grokking\"")
                .contains("href=\"/sources\"")
                .contains("class=\"home-search\"");
    }
}
