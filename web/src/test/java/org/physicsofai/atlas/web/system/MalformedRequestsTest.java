package org.physicsofai.atlas.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;

/** Malformed input answers 400 with an RFC 9457 problem document naming what is wrong, never 500. */
class MalformedRequestsTest extends AtlasWebTest {

    private static final List<String> SUSPICIOUS = List.of(
            "not an iri",
            "relative/path",
            "https://w3id.org/physics-of-ai/id/run/x> } ; DROP ALL ; <x:y",
            "https://w3id.org/physics-of-ai/id/run/a b",
            "\"><script>alert(1)</script>",
            "https://w3id.org/physics-of-ai/id/run/{x}",
            " https://w3id.org/physics-of-ai/id/run/x",
            "");

    private static void assertProblem(HttpResponse<String> response, String naming) {
        assertThat(response.statusCode())
                .as(response.uri() + " " + response.body())
                .isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":400").contains(naming);
    }

    private HttpResponse<String> get(WebClient client, String path, String parameter, String value) {
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + path + (path.contains("?") ? "&" : "?")
                        + parameter + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8)))
                .header("Accept", "application/json"));
    }

    @Test
    void suspiciousIriParametersOfEveryEntityPageAre400() {
        WebClient anonymous = new WebClient(port);
        WebClient contributor = signedIn("malformed-params", Role.CONTRIBUTOR);
        for (String value : SUSPICIOUS) {
            for (String path : List.of("/run", "/experiment", "/observable", "/phase-diagram", "/law")) {
                assertProblem(get(anonymous, path, "iri", value), "iri");
            }
            if (!value.isBlank() && value.equals(value.strip())) { // /compare strips and skips blank fields
                assertProblem(get(anonymous, "/compare", "run", value), "run");
            }
            if (!value.isBlank()) {
                assertProblem(
                        get(anonymous, "/observable?iri=https://w3id.org/physics-of-ai/id/observable/x", "run", value),
                        "run");
            }
            assertProblem(get(contributor, "/submit/edit", "node", value), "node");
        }
        // A well-formed IRI the Atlas does not know is still a 404.
        assertThat(get(anonymous, "/run", "iri", "https://w3id.org/physics-of-ai/id/run/none")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void malformedAndDeeplyNestedJsonAre400() {
        String token = tokenOf("malformed-json");
        WebClient client = new WebClient(port);
        for (String body : List.of(
                "{\"value\": 1.0",
                "{value: 1}",
                "[1, 2",
                "{\"value\": 1.0}}",
                "[".repeat(100_000) + "]".repeat(100_000),
                "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000))) {
            HttpResponse<String> response =
                    client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/observations"))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body)));

            assertProblem(response, "detail");
        }
    }

    private String tokenOf(String username) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, "Dr " + username, PASSWORD, Role.CONTRIBUTOR);
        }
        return accounts.createToken(username, "test");
    }
}
