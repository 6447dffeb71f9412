package org.physicsofai.atlas.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Revoked powers end at once: every request reads the account's role and enabled flag from the
 * account store, and demotion, disabling and a password change end the account's other sessions
 * (and, for disabling and a password change, its API tokens). Each case uses two real sessions.
 */
class RevokedPowersTest extends AtlasWebTest {

    @Autowired
    KnowledgeStore store;

    @Test
    void anAdministratorDemotedAndDisabledCannotRestoreHerselfOrMakeAnAdminFromHerOldSession() {
        WebClient old = signedIn("adele", Role.ADMIN);
        WebClient older = signedIn("adele", Role.ADMIN);
        assertThat(old.get("/admin/users").statusCode()).isEqualTo(200);
        assertThat(older.get("/admin/users").statusCode()).isEqualTo(200);
        WebClient root = signedIn(ADMIN, Role.ADMIN);
        root.get("/admin/users");

        assertThat(root.post("/admin/users/adele", Map.of("role", "CONTRIBUTOR"))
                        .statusCode())
                .isEqualTo(302);

        HttpResponse<String> promote = old.post("/admin/users/adele", Map.of("role", "ADMIN", "enabled", "true"));
        HttpResponse<String> create = older.post(
                "/admin/users",
                Map.of("username", "adele2", "password", PASSWORD, "role", "ADMIN", "displayName", "Adele again"));
        assertThat(promote.statusCode() + " " + promote.headers().map() + " "
                        + promote.body()
                                .substring(0, Math.min(400, promote.body().length())))
                .startsWith("302");
        assertThat(WebClient.location(promote)).isEqualTo("/login");
        assertThat(WebClient.location(create)).isEqualTo("/login");
        assertThat(old.get("/admin/users").statusCode()).isEqualTo(302);
        Account adele = accounts.find("adele").orElseThrow();
        assertThat(adele.role()).isEqualTo(Role.CONTRIBUTOR);
        assertThat(adele.enabled()).isFalse();
        assertThat(accounts.find("adele2")).isEmpty();
        assertThat(WebClient.location(new WebClient(port).signIn("adele", PASSWORD)))
                .isEqualTo("/login");
    }

    @Test
    void anAdministratorWhoDemotesHerselfKeepsThatSessionWithItsNewRoleOnlyAndLosesTheOthers() {
        WebClient here = signedIn("agnes", Role.ADMIN);
        WebClient elsewhere = signedIn("agnes", Role.ADMIN);
        here.get("/admin/users");

        here.post("/admin/users/agnes", Map.of("role", "CONTRIBUTOR", "enabled", "true"));

        assertThat(here.get("/account").statusCode()).isEqualTo(200);
        assertThat(here.get("/admin/users").statusCode()).isEqualTo(403);
        here.get("/account");
        HttpResponse<String> promote = here.post("/admin/users/agnes", Map.of("role", "ADMIN", "enabled", "true"));
        assertThat(promote.statusCode()).isEqualTo(403);
        assertThat(accounts.find("agnes").orElseThrow().role()).isEqualTo(Role.CONTRIBUTOR);
        HttpResponse<String> ended = elsewhere.get("/account");
        assertThat(ended.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login?ended"));
        assertThat(elsewhere.get("/account").statusCode()).isEqualTo(302);
    }

    @Test
    void aDemotedCuratorCannotAcceptFromHisOldSession() {
        accounts.create("paolo", "Paolo P.", PASSWORD, Role.CONTRIBUTOR);
        String token = accounts.createToken("paolo", "laptop");
        HttpResponse<String> submitted = turtle(
                token,
                "<http://localhost:8080/id/phenomenon/stale-curator-test> a"
                        + " <https://w3id.org/physics-of-ai/atlas#Phenomenon> ;"
                        + " <http://www.w3.org/2004/02/skos/core#prefLabel> \"Stale curator test\"@en ;"
                        + " <http://www.w3.org/2004/02/skos/core#definition> \"A phenomenon for a test.\"@en .");
        assertThat(submitted.statusCode()).isEqualTo(201);
        String contribution = submitted.body().replaceAll("(?s)^.*?\"iri\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        assertThat(store.contribution(contribution).orElseThrow().status()).isEqualTo(ContributionStatus.PENDING);
        WebClient old = signedIn("cosimo", Role.CURATOR);
        assertThat(old.get("/review").statusCode()).isEqualTo(200);
        WebClient root = signedIn(ADMIN, Role.ADMIN);
        root.get("/admin/users");

        root.post("/admin/users/cosimo", Map.of("role", "CONTRIBUTOR", "enabled", "true"));

        HttpResponse<String> accept = old.post("/review/accept", Map.of("contribution", contribution));
        assertThat(WebClient.location(accept)).isEqualTo("/login");
        assertThat(store.contribution(contribution).orElseThrow().status()).isEqualTo(ContributionStatus.PENDING);
        WebClient again = new WebClient(port);
        again.signIn("cosimo", PASSWORD);
        assertThat(again.get("/review").statusCode()).isEqualTo(403);
        assertThat(again.get("/account").statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledContributorCannotSubmitThroughHerSessionOrHerTokens() {
        WebClient old = signedIn("dorit", Role.CONTRIBUTOR);
        String token = accounts.createToken("dorit", "cluster");
        assertThat(old.get("/submit/phenomenon").statusCode()).isEqualTo(200);
        WebClient root = signedIn(ADMIN, Role.ADMIN);
        root.get("/admin/users");

        root.post("/admin/users/dorit", Map.of("role", "CONTRIBUTOR"));

        HttpResponse<String> form =
                old.post("/submit/phenomenon", Map.of("skos_prefLabel@en", "Disabled contributor's phenomenon"));
        assertThat(WebClient.location(form)).isEqualTo("/login");
        HttpResponse<String> api = turtle(
                token,
                "<http://localhost:8080/id/phenomenon/disabled-test> a"
                        + " <https://w3id.org/physics-of-ai/atlas#Phenomenon> ;"
                        + " <http://www.w3.org/2004/02/skos/core#prefLabel> \"Disabled contributor's test\"@en .");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(accounts.find("dorit").orElseThrow().tokens()).isEmpty();
        for (String label : java.util.List.of("Disabled contributor's phenomenon", "Disabled contributor's test")) {
            assertThat(sparqlCsv("SELECT ?s { GRAPH ?g { ?s ?p \"" + label + "\"@en } }")
                            .lines())
                    .hasSize(1);
        }
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndTheTokens() {
        WebClient here = signedIn("petra", Role.CONTRIBUTOR);
        WebClient elsewhere = signedIn("petra", Role.CONTRIBUTOR);
        String token = accounts.createToken("petra", "workstation");
        assertThat(elsewhere.get("/account").statusCode()).isEqualTo(200);
        here.get("/account");

        HttpResponse<String> changed =
                here.post("/account/password", Map.of("current", PASSWORD, "replacement", "another long password"));

        assertThat(WebClient.location(changed)).isEqualTo("/account");
        assertThat(here.get("/account").statusCode()).isEqualTo(200);
        assertThat(WebClient.location(elsewhere.get("/account"))).isEqualTo("/login");
        assertThat(elsewhere.get("/account").statusCode()).isEqualTo(302);
        assertThat(turtle(
                                token,
                                "<http://localhost:8080/id/phenomenon/x> a <https://w3id.org/physics-of-ai/atlas#Phenomenon> .")
                        .statusCode())
                .isEqualTo(401);
        assertThat(accounts.find("petra").orElseThrow().tokens()).isEmpty();
        assertThat(WebClient.location(new WebClient(port).signIn("petra", "another long password")))
                .isEqualTo("/");
    }

    private HttpResponse<String> turtle(String token, String body) {
        WebClient client = new WebClient(port);
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/contributions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/turtle")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
