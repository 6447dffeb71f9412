package org.physicsofai.atlas.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;

/**
 * Every unsafe endpoint against every kind of caller: anonymous readers write nothing, a session
 * without its CSRF token writes nothing, contributors cannot review or administer, curators can review,
 * administrators can administer. A refusal is 401, 403 or a redirect to the sign-in page; anything else
 * means the request got through to the application.
 */
class AccessTableTest extends AtlasWebTest {

    private static final String NO_SUCH_CONTRIBUTION = "00000000-0000-0000-0000-000000000000";

    private static boolean refused(HttpResponse<String> response) {
        int status = response.statusCode();
        boolean toLogin = status == 302
                && response.headers().firstValue("Location").orElse("").endsWith("/login");
        return status == 401 || status == 403 || toLogin;
    }

    private static HttpResponse<String> postWithoutCsrf(WebClient client, String path) {
        return client.postRaw(path, Map.of("reason", "test", "contribution", "x", "name", "x"));
    }

    @ParameterizedTest(name = "{0}: anonymous {1}, contributor {2}, curator {3}")
    @CsvSource({
        // path, anonymous may, contributor may, curator may (with a valid CSRF token)
        "/account/profile, false, true, true",
        "/account/tokens, false, true, true",
        "/submit/claim, false, true, true",
        "/review/accept, false, false, true",
        "/review/reject, false, false, true",
        "/review/retract, false, false, true",
        "/admin/users, false, false, false",
        "/api/contributions/" + NO_SUCH_CONTRIBUTION + "/accept, false, false, true",
        "/api/contributions/" + NO_SUCH_CONTRIBUTION + "/retract, false, false, true",
        "/import/00000000000000000000000000000000, false, true, true"
    })
    void rolesDecideWhoMayWrite(String path, boolean anonymous, boolean contributor, boolean curator) {
        WebClient nobody = new WebClient(port);
        nobody.get("/login");

        assertThat(refused(nobody.post(path, Map.of("reason", "test", "contribution", "x", "name", "x"))))
                .as("anonymous POST %s refused", path)
                .isNotEqualTo(anonymous);
        assertThat(refused(signedIn("table-contributor", Role.CONTRIBUTOR)
                        .post(path, Map.of("reason", "test", "contribution", "x", "name", "x"))))
                .as("contributor POST %s refused", path)
                .isNotEqualTo(contributor);
        assertThat(refused(signedIn("table-curator", Role.CURATOR)
                        .post(path, Map.of("reason", "test", "contribution", "x", "name", "x"))))
                .as("curator POST %s refused", path)
                .isNotEqualTo(curator);
        assertThat(refused(
                        signedIn(ADMIN, Role.ADMIN).post(path, Map.of("username", "x", "password", "x", "role", "x"))))
                .as("administrator POST %s refused", path)
                .isFalse();
    }

    @ParameterizedTest(name = "{0} without its CSRF token")
    @CsvSource({
        "/account/profile",
        "/account/password",
        "/account/tokens",
        "/account/tokens/abc/revoke",
        "/submit/observation",
        "/submit/edit",
        "/review/accept",
        "/review/reject",
        "/review/retract",
        "/admin/users",
        "/admin/users/someone",
        "/logout",
        "/import",
        "/import/00000000000000000000000000000000"
    })
    void everyUnsafeEndpointNeedsItsCsrfToken(String path) {
        HttpResponse<String> response = postWithoutCsrf(signedIn(ADMIN, Role.ADMIN), path);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0} with an API token")
    @CsvSource({
        "/api/contributions/" + NO_SUCH_CONTRIBUTION + "/accept",
        "/review/accept",
        "/admin/users",
        "/account/tokens",
        "/import",
        "/import/00000000000000000000000000000000"
    })
    void anApiTokenMaySubmitButNothingElse(String path) {
        if (accounts.find("table-bot").isEmpty()) {
            accounts.create("table-bot", "bot", PASSWORD, Role.ADMIN);
        }
        String token = accounts.createToken("table-bot", "table");
        WebClient client = new WebClient(port);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"x\"}")));

        assertThat(response.statusCode()).isEqualTo(403);
    }
}
