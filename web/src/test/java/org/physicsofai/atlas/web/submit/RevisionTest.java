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

/** Revising an accepted node makes a new contribution that supersedes the old one; nothing is overwritten. */
class RevisionTest extends AtlasWebTest {

    @Test
    void aRevisionIsReviewedAsADiffAndSupersedesTheOldContributionWhenAccepted() {
        WebClient curator = signedIn("rhea", Role.CURATOR);
        curator.get("/submit/claim");
        Map<String, String> claim = new LinkedHashMap<>();
        claim.put("atlas_statement@en", "Slingshots precede grokking in every seed of the revision test.");
        claim.put("atlas_certainty", "https://w3id.org/physics-of-ai/atlas#tentative");
        HttpResponse<String> created = curator.post("/submit/claim", claim);
        String original = WebClient.location(created).replace("/id/", "http://localhost:8080/id/");
        String node = sparqlCsv("SELECT ?c { ?c <https://w3id.org/physics-of-ai/atlas#statement> ?s"
                        + " FILTER(CONTAINS(?s, \"revision test\")) }")
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow()
                .strip();

        WebClient contributor = signedIn("rolf", Role.CONTRIBUTOR);
        String form = contributor
                .get("/submit/edit?node=" + URLEncoder.encode(node, StandardCharsets.UTF_8))
                .body();
        assertThat(form).contains("Slingshots precede grokking").contains("name=\"node\"");
        Map<String, String> revised = new LinkedHashMap<>(claim);
        revised.put("node", node);
        revised.put("atlas_certainty", "https://w3id.org/physics-of-ai/atlas#probable");
        HttpResponse<String> submitted = contributor.post("/submit/edit", revised);
        assertThat(submitted.statusCode()).isEqualTo(302);
        String revision = WebClient.location(submitted).replace("/id/", "http://localhost:8080/id/");

        String queue = curator.get("/review").body();
        String item = queue.substring(queue.indexOf("data-contribution=\"" + revision + "\""));
        item = item.substring(0, item.indexOf("</footer>"));
        // read as the entity pages would: the node by its statement, with its new certainty
        assertThat(item).contains(">Slingshots precede grokking in every seed").contains(">probable</a>");
        // and the raw diff: only what changed
        String diff = item.substring(item.indexOf("class=\"raw-diff\""));
        diff = diff.substring(0, diff.indexOf("</details>"));
        assertThat(diff).contains("atlas:probable").contains("atlas:tentative").doesNotContain("Slingshots precede");

        curator.post("/review/accept", Map.of("contribution", revision));

        String certainty = "SELECT ?c { <" + node + "> <https://w3id.org/physics-of-ai/atlas#certainty> ?c }";
        assertThat(sparqlCsv(certainty).lines().skip(1))
                .containsExactly("https://w3id.org/physics-of-ai/atlas#probable");
        String history = new WebClient(port)
                .get(node.replace("http://localhost:8080", ""))
                .body();
        assertThat(history).contains("superseded").contains("Superseded by " + revision);
        assertThat(new WebClient(port)
                        .get(original.replace("http://localhost:8080", ""))
                        .body())
                .contains("superseded");
    }

    @Test
    void aRevisionThatChangesNothingOrBreaksTheShapesIsRefused() {
        WebClient curator = signedIn("remy", Role.CURATOR);
        curator.get("/submit/phenomenon");
        Map<String, String> phenomenon = new LinkedHashMap<>();
        phenomenon.put("skos_prefLabel@en", "revision test effect");
        phenomenon.put("skos_definition@en", "An effect made up for the revision test.");
        curator.post("/submit/phenomenon", phenomenon);
        String node = sparqlCsv(
                        "SELECT ?p { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> \"revision test effect\"@en }")
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow()
                .strip();
        curator.get("/submit/edit?node=" + URLEncoder.encode(node, StandardCharsets.UTF_8));

        Map<String, String> same = new LinkedHashMap<>(phenomenon);
        same.put("node", node);
        HttpResponse<String> unchanged = curator.post("/submit/edit", same);
        Map<String, String> noLabel = new LinkedHashMap<>(same);
        noLabel.remove("skos_prefLabel@en");
        curator.get("/submit/edit?node=" + URLEncoder.encode(node, StandardCharsets.UTF_8));
        HttpResponse<String> broken = curator.post("/submit/edit", noLabel);

        assertThat(unchanged.statusCode()).isEqualTo(422);
        assertThat(unchanged.body()).contains("Nothing was changed.");
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("A label is required");
    }

    @Test
    void aNodeDescribedByMoreThanOneContributionCannotBeRevisedHere() {
        // a phenomenon from a curator's form, then a second accepted contribution about the same node
        WebClient curator = signedIn("rosa", Role.CURATOR);
        curator.get("/submit/phenomenon");
        Map<String, String> phenomenon = new LinkedHashMap<>();
        phenomenon.put("skos_prefLabel@en", "twice described revision effect");
        phenomenon.put("skos_definition@en", "An effect made up for the revision test, described twice.");
        curator.post("/submit/phenomenon", phenomenon);
        String node = sparqlCsv("SELECT ?p { ?p <http://www.w3.org/2004/02/skos/core#prefLabel>"
                        + " \"twice described revision effect\"@en }")
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow()
                .strip();
        assertThat(curator.get("/submit/edit?node=" + URLEncoder.encode(node, StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
        if (accounts.find("rosa-loop").isEmpty()) {
            accounts.create("rosa-loop", "Dr rosa-loop", PASSWORD, Role.CONTRIBUTOR);
        }
        HttpResponse<String> second = new WebClient(port)
                .send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + port + "/api/contributions"))
                        .header("Authorization", "Bearer " + accounts.createToken("rosa-loop", "revision test"))
                        .header("Content-Type", "text/turtle")
                        .header("Accept", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "<" + node + "> <http://www.w3.org/2004/02/skos/core#altLabel> \"twice told\"@en .")));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        String contribution = WebClient.location(second).replace("/id/", "http://localhost:8080/id/");
        curator.get("/review");
        curator.post("/review/accept", Map.of("contribution", contribution));

        HttpResponse<String> refused =
                curator.get("/submit/edit?node=" + URLEncoder.encode(node, StandardCharsets.UTF_8));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("come from 2 contributions")
                .contains("only a node described by one contribution can be revised here");
    }
}
