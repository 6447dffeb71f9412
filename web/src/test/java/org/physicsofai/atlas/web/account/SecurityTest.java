package org.physicsofai.atlas.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;

/** Who may do what, over real HTTP with sessions, CSRF tokens and API tokens. */
class SecurityTest extends AtlasWebTest {

    @Test
    void theFirstAdministratorComesFromSettings() {
        assertThat(accounts.find("root"))
                .hasValueSatisfying(a -> assertThat(a.role()).isEqualTo(Role.ADMIN));
        assertThat(signedIn("root", Role.ADMIN).get("/admin/users").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordDoesNotSignIn() {
        accounts.create("mallory", "Mallory", PASSWORD, Role.CONTRIBUTOR);
        WebClient client = new WebClient(port);

        HttpResponse<String> login = client.signIn("mallory", "wrong password!!");

        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login?error"));
        assertThat(client.get("/account").statusCode()).isEqualTo(302);
    }

    @Test
    void anonymousReadersReadButWriteNothing() {
        WebClient anonymous = new WebClient(port);

        assertThat(anonymous.get("/").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/id/phenomenon/grokking").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/account").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        HttpResponse<String> write =
                anonymous.send(HttpRequest.newBuilder(URI.create(anonymous.base() + "/account/profile"))
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("displayName=x")));
        assertThat(write.statusCode()).isIn(401, 403);
    }

    @Test
    void rolesDecideWhatASignedInPersonMayOpen() {
        WebClient contributor = signedIn("carla", Role.CONTRIBUTOR);
        WebClient curator = signedIn("curt", Role.CURATOR);

        assertThat(contributor.get("/account").statusCode()).isEqualTo(200);
        assertThat(contributor.get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(curator.get("/admin/users").statusCode()).isEqualTo(403);
    }

    @Test
    void everyFormNeedsItsCsrfToken() {
        WebClient client = signedIn("cathy", Role.CONTRIBUTOR);

        HttpResponse<String> forged = client.postRaw("/account/profile", Map.of("displayName", "Forged"));
        client.get("/account");
        HttpResponse<String> genuine = client.post("/account/profile", Map.of("displayName", "Cathy C."));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(genuine.statusCode()).isEqualTo(302);
        assertThat(accounts.find("cathy").orElseThrow().displayName()).isEqualTo("Cathy C.");
    }

    @Test
    void signingInChangesTheSessionId() {
        WebClient client = new WebClient(port);
        client.get("/login");
        String before = sessionCookie(client.get("/login"));

        HttpResponse<String> login = client.post("/login", Map.of("username", "root", "password", ADMIN_PASSWORD));

        assertThat(sessionCookie(login)).isNotNull().isNotEqualTo(before);
    }

    @Test
    void pagesCarryASecurityPolicyThatForbidsInlineScripts() {
        HttpResponse<String> page = new WebClient(port).get("/");

        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).doesNotContain("<script>").doesNotContainPattern("on(click|load)=");
    }

    @Test
    void passwordsAreChangedOnlyWithTheCurrentOneAndStoredHashed() throws IOException {
        WebClient client = signedIn("paula", Role.CONTRIBUTOR);
        client.get("/account");

        client.post("/account/password", Map.of("current", "not it at all", "replacement", "a new long password"));
        assertThat(new WebClient(port)
                        .signIn("paula", "a new long password")
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("error"));
        client.get("/account");
        client.post("/account/password", Map.of("current", PASSWORD, "replacement", "a new long password"));

        assertThat(new WebClient(port)
                        .signIn("paula", "a new long password")
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        String stored = Files.readString(DATA.resolve("accounts.json"));
        assertThat(stored)
                .doesNotContain("a new long password")
                .doesNotContain(PASSWORD)
                .contains("{bcrypt}");
    }

    @Test
    void apiTokensAreShownOnceWorkUntilRevokedAndCannotReview() {
        WebClient client = signedIn("tom", Role.CURATOR);
        client.get("/account");
        HttpResponse<String> created = client.post("/account/tokens", Map.of("name", "training box"));
        assertThat(created.statusCode()).isEqualTo(302);
        String page = client.get("/account").body();
        String token = page.replaceAll("(?s).*id=\"new-token\">([^<]+)<.*", "$1");
        assertThat(token).startsWith("atlas_");
        assertThat(client.get("/account").body()).doesNotContain(token);

        assertThat(accounts.authenticateToken(token)).isPresent();
        assertThat(bearer(token, "/admin/users").statusCode()).isEqualTo(403);
        assertThat(bearer("atlas_forged", "/account").statusCode()).isEqualTo(401);

        String id = accounts.find("tom").orElseThrow().tokens().get(0).id();
        client.get("/account");
        client.post("/account/tokens/" + id + "/revoke", Map.of());
        assertThat(accounts.authenticateToken(token)).isEmpty();
        assertThat(bearer(token, "/account").statusCode()).isEqualTo(401);
    }

    @Test
    void nothingOfAccountsIsVisibleThroughSparql() {
        accounts.create("secretive", "Secretive Sam", PASSWORD, Role.CONTRIBUTOR);

        HttpResponse<String> answer = new WebClient(port)
                .get("/sparql?format=csv&query="
                        + java.net.URLEncoder.encode(
                                "SELECT ?s ?p ?o { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER(CONTAINS(STR(?o), \"ecretive\")) }",
                                java.nio.charset.StandardCharsets.UTF_8));

        assertThat(answer.body().strip()).isEqualTo("s,p,o");
    }

    private HttpResponse<String> bearer(String token, String path) {
        WebClient client = new WebClient(port);
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElse(null);
    }
}
