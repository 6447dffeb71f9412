package org.physicsofai.atlas.web.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;

/** The contributing journey over HTTP: accounts, shape-driven forms, review, provenance and history. */
class ContributingTest extends AtlasWebTest {

    private String firstSeed(String type) {
        return sparqlCsv("SELECT ?x { ?x a <https://w3id.org/physics-of-ai/atlas#" + type + "> } ORDER BY ?x LIMIT 1")
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow()
                .strip()
                .replace("https://w3id.org/physics-of-ai/id/", "/id/");
    }

    private Map<String, String> observation(String value) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("skos_prefLabel@en", "grokking delay in my rerun");
        form.put("atlas_run", firstSeed("Run"));
        form.put("atlas_observable", firstSeed("Observable"));
        form.put("atlas_value", value);
        form.put("atlas_step", "8400");
        form.put("atlas_event", "grokking onset");
        return form;
    }

    @Test
    void aContributorsObservationIsPendingUntilACuratorAcceptsIt() {
        WebClient admin = signedIn("admin", Role.ADMIN);
        admin.get("/admin/users");
        HttpResponse<String> created = admin.post(
                "/admin/users",
                Map.of("username", "nadia", "displayName", "Nadia N.", "password", PASSWORD, "role", "CONTRIBUTOR"));
        assertThat(created.statusCode()).isEqualTo(302);
        WebClient nadia = new WebClient(port);
        nadia.signIn("nadia", PASSWORD);

        assertThat(nadia.get("/submit/observation").body())
                .contains("name=\"atlas_run\"")
                .contains("name=\"atlas_value\"")
                .contains("data-types=\"https://w3id.org/physics-of-ai/atlas#Run"
                        + " https://w3id.org/physics-of-ai/atlas#Experiment\"")
                .contains("src=\"/js/pickers.js\"");
        HttpResponse<String> submitted = nadia.post("/submit/observation", observation("8400"));
        assertThat(submitted.statusCode()).isEqualTo(302);
        String contributionPage = WebClient.location(submitted);
        assertThat(nadia.get(contributionPage).body()).contains("pending").contains("Nadia N.");
        assertThat(sparqlCsv("SELECT ?o { ?o <https://w3id.org/physics-of-ai/atlas#event> \"grokking onset\" }")
                        .lines())
                .hasSize(1);

        WebClient curator = signedIn("carol", Role.CURATOR);
        String queue = curator.get("/review").body();
        String contribution = contributionPage.replace("/id/", "http://localhost:8080/id/");
        assertThat(queue).contains(contribution).contains("grokking onset");
        HttpResponse<String> accepted = curator.post("/review/accept", Map.of("contribution", contribution));
        assertThat(accepted.statusCode()).isEqualTo(302);

        String found = sparqlCsv("SELECT ?o { ?o <https://w3id.org/physics-of-ai/atlas#event> \"grokking onset\" }");
        assertThat(found.lines()).hasSize(2);
        String observationPath =
                found.lines().skip(1).findFirst().orElseThrow().strip().replace("http://localhost:8080/id/", "/id/");
        String page = new WebClient(port).get(observationPath).body();
        assertThat(page)
                .contains("grokking delay in my rerun")
                .contains("Nadia N.")
                .contains("8400");
        assertThat(page).contains("id=\"history\"");

        String observation = observationPath.replace("/id/", "http://localhost:8080/id/");
        String run = observation("8400").get("atlas_run").replace("/id/", "https://w3id.org/physics-of-ai/id/");
        WebClient reader = new WebClient(port);
        assertThat(reader.get("/api/search?q="
                                + URLEncoder.encode("grokking delay in my rerun", StandardCharsets.UTF_8))
                        .body())
                .contains(observation);
        assertThat(reader.get("/api/trace?from=" + URLEncoder.encode(observation, StandardCharsets.UTF_8) + "&to="
                                + URLEncoder.encode(run, StandardCharsets.UTF_8))
                        .body())
                .contains("\"hops\"")
                .contains("Nadia N.");
    }

    @Test
    void aCuratorsOwnSubmissionIsAcceptedAtOnceAndCanBeRetractedWithAReason() {
        WebClient curator = signedIn("cora", Role.CURATOR);
        curator.get("/submit/claim");
        Map<String, String> claim = new LinkedHashMap<>();
        claim.put("atlas_statement@en", "Grokking also occurs without weight decay when the initialisation is large.");
        claim.put("atlas_certainty", "https://w3id.org/physics-of-ai/atlas#tentative");
        claim.put("atlas_about", "/id/phenomenon/grokking");
        HttpResponse<String> submitted = curator.post("/submit/claim", claim);
        assertThat(submitted.statusCode()).isEqualTo(302);
        String ask =
                "SELECT ?c { ?c <https://w3id.org/physics-of-ai/atlas#statement> ?s FILTER(CONTAINS(?s, \"without weight decay when\")) }";
        assertThat(sparqlCsv(ask).lines()).hasSize(2);

        String contribution = WebClient.location(submitted).replace("/id/", "http://localhost:8080/id/");
        curator.get("/review");
        curator.post("/review/retract", Map.of("contribution", contribution, "reason", "duplicate of a seed claim"));

        assertThat(sparqlCsv(ask).lines()).hasSize(1);
        String history = new WebClient(port).get("/id/phenomenon/grokking").body();
        assertThat(history).contains("retracted").contains("duplicate of a seed claim");
    }

    @Test
    void problemsAreShownNextToTheirFieldsAndNothingIsStored() {
        WebClient nina = signedIn("nina", Role.CONTRIBUTOR);
        nina.get("/submit/observation");
        Map<String, String> bad = observation("eighty-four hundred");

        HttpResponse<String> notANumber = nina.post("/submit/observation", bad);
        assertThat(notANumber.statusCode()).isEqualTo(422);
        assertThat(fieldBlock(notANumber.body(), "atlas_value")).contains("Not a number.");

        nina.get("/submit/observation?lang=zh");
        Map<String, String> noRun = observation("8400");
        noRun.remove("atlas_run");
        HttpResponse<String> missingRun = nina.post("/submit/observation", noRun);
        assertThat(missingRun.statusCode()).isEqualTo(422);
        assertThat(fieldBlock(missingRun.body(), "atlas_run")).contains("必填");
        assertThat(missingRun.body()).contains("grokking delay in my rerun"); // values are kept

        nina.get("/submit/claim");
        HttpResponse<String> wrongKind = nina.post(
                "/submit/claim",
                Map.of(
                        "atlas_statement@en",
                        "x",
                        "atlas_certainty",
                        "https://w3id.org/physics-of-ai/atlas#tentative",
                        "atlas_source",
                        "/id/phenomenon/grokking"));
        assertThat(fieldBlock(wrongKind.body(), "atlas_source")).contains("节点");

        assertThat(new WebClient(port).get("/review").statusCode()).isEqualTo(302);
        assertThat(sparqlCsv("SELECT ?c { GRAPH ?c { ?o <https://w3id.org/physics-of-ai/atlas#value> 8400.0 } }")
                        .lines())
                .hasSize(1);
    }

    @Test
    void aLawIsSubmittedWithItsParametersInline() {
        WebClient curator = signedIn("lars", Role.CURATOR);
        assertThat(curator.get("/submit/law").body()).contains("name=\"atlas_hasParameter[0].atlas_symbol\"");
        Map<String, String> law = new LinkedHashMap<>();
        law.put("skos_prefLabel@en", "toy power law");
        law.put("atlas_statement@en", "Loss falls as a power of the parameter count.");
        law.put("atlas_certainty", "https://w3id.org/physics-of-ai/atlas#speculative");
        law.put("atlas_formula", "L = a * N^(-alpha)");
        law.put("atlas_hasParameter[0].atlas_symbol", "alpha");
        law.put("atlas_hasParameter[0].atlas_value", "0.076");
        law.put("atlas_hasParameter[1].atlas_symbol", "a");

        HttpResponse<String> submitted = curator.post("/submit/law", law);

        assertThat(submitted.statusCode()).isEqualTo(302);
        String csv = sparqlCsv("PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#> SELECT ?symbol ?matches {"
                + " ?law atlas:formula \"L = a * N^(-alpha)\" ; atlas:hasParameter ?p . ?p atlas:symbol ?symbol"
                + " OPTIONAL { ?p atlas:value ?value BIND(?value = 0.076 AS ?matches) } } ORDER BY ?symbol");
        assertThat(csv.lines().skip(1)).containsExactly("a,", "alpha,true");
    }

    @Test
    void aBadParameterRowIsReportedOnItsOwnField() {
        WebClient curator = signedIn("lena", Role.CURATOR);
        curator.get("/submit/law");
        Map<String, String> law = new LinkedHashMap<>();
        law.put("atlas_statement@en", "x");
        law.put("atlas_certainty", "https://w3id.org/physics-of-ai/atlas#speculative");
        law.put("atlas_formula", "y = k");
        law.put("atlas_hasParameter[0].atlas_symbol", "not a symbol!");

        HttpResponse<String> response = curator.post("/submit/law", law);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body())
                .containsPattern(
                        "name=\"atlas_hasParameter\\[0\\].atlas_symbol\"[^>]*>\\s*<small class=\"field-problem\">");
    }

    /** The HTML of one field's block, from its id to the next field. */
    private static String fieldBlock(String page, String field) {
        int start = page.indexOf("id=\"field-" + field + "\"");
        assertThat(start).as("field %s on the page", field).isNotNegative();
        int end = page.indexOf("id=\"field-", start + 10);
        return page.substring(start, end < 0 ? page.length() : end);
    }
}
