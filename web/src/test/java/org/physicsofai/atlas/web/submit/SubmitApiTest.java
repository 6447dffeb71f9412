package org.physicsofai.atlas.web.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;

/** Scripts submit over REST with API tokens; the same shapes check what they send. */
class SubmitApiTest extends AtlasWebTest {

    private String token(String username, Role role) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, "Dr " + username, "a long enough password", role);
        }
        return accounts.createToken(username, "test");
    }

    private HttpResponse<String> post(String path, String token, String contentType, String body) {
        WebClient client = new WebClient(port);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request);
    }

    @Test
    void aTrainingLoopSubmitsAnObservationAsJsonWithItsToken() {
        String token = token("loop", Role.CURATOR);

        HttpResponse<String> response = post("/api/observations", token, "application/json", """
                {"run": "/id/run/liu2022eff-pd-lr00-wd00", "observable": "/id/observable/train-accuracy",
                 "value": 0.97, "step": 1200, "prefLabel": "train accuracy at step 1200"}
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/id/contribution/"));
        assertThat(response.body()).contains("\"status\":\"PENDING\"").contains("Dr loop");
    }

    @Test
    void shapeViolationsComeBackAsProblemDetailsAndNothingIsStored() {
        String token = token("sloppy", Role.CONTRIBUTOR);
        String before = new WebClient(port).get("/api/contributions?limit=500").body();

        HttpResponse<String> response = post("/api/observations", token, "application/json", "{\"value\": 1.0}");
        HttpResponse<String> notANumber =
                post("/api/observations", token, "application/json", "{\"run\": \"/id/run/x\", \"value\": \"high\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"violations\"").contains("https://w3id.org/physics-of-ai/atlas#run");
        assertThat(notANumber.statusCode()).isEqualTo(422);
        assertThat(notANumber.body()).contains("atlas_value");
        assertThat(new WebClient(port).get("/api/contributions?limit=500").body())
                .isEqualTo(before);
    }

    @Test
    void turtleIsSubmittedAsOneContributionAndMalformedTurtleIsRefusedWithItsLine() {
        String token = token("turtler", Role.CONTRIBUTOR);

        HttpResponse<String> ok = post("/api/contributions", token, "text/turtle", """
                @prefix atlas: <https://w3id.org/physics-of-ai/atlas#> .
                @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
                <phenomenon/my-effect> a atlas:Phenomenon ; skos:prefLabel "my effect"@en ;
                    skos:definition "Something I keep seeing."@en .
                """);
        HttpResponse<String> broken = post("/api/contributions", token, "text/turtle", "<a> <b> .\n<c> <d> <e> .");

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("line: 1");
    }

    @Test
    void withoutCredentialsNothingIsSubmittedAndATokenCannotReview() {
        String token = token("reviewer-bot", Role.CURATOR);

        HttpResponse<String> anonymous = post("/api/observations", null, "application/json", "{}");
        HttpResponse<String> accept =
                post("/api/contributions/00000000-0000-0000-0000-000000000000/accept", token, "application/json", "{}");

        assertThat(anonymous.statusCode()).isIn(401, 403);
        assertThat(accept.statusCode()).isEqualTo(403);
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        HttpResponse<String> description = new WebClient(port)
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                        .GET());

        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(description.body())
                .contains("\"openapi\"")
                .contains("/api/contributions")
                .contains("/api/{kind}");
    }
}
