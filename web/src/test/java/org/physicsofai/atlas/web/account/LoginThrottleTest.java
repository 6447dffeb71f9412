package org.physicsofai.atlas.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Guessing passwords: failed sign-ins are throttled by account and by client address with a clear
 * message, the real user gets in once the wait is over, and every attempt that reaches the password
 * check is in the audit log that administrators read. Each test connects from a loopback address of
 * its own (127.0.0.x), so that the failures it provokes do not throttle the other tests' sign-ins.
 */
class LoginThrottleTest extends AtlasWebTest {

    @Autowired
    AuditLog audit;

    @Test
    void guessingOneAccountsPasswordIsSlowedDownButTheRealUserGetsInOnceTheWaitIsOver() throws InterruptedException {
        accounts.create("gaia", "Gaia G.", PASSWORD, Role.CONTRIBUTOR);
        WebClient attacker = WebClient.from("127.0.0.2", port);

        // Five free guesses, then each counted guess doubles the wait (2 s, 4 s, ...): guess on, waiting as told,
        // until the wait is long enough that the next requests surely fall inside it.
        int counted = 0;
        long wait = 0;
        for (int guess = 0; guess < 12 && wait < 4; guess++) {
            String location = attacker.signIn("gaia", "guess number " + guess + "!!")
                    .headers()
                    .firstValue("Location")
                    .orElseThrow();
            if (location.endsWith("/login?error")) {
                counted++;
            } else {
                assertThat(location).contains("/login?wait=");
                wait = Long.parseLong(location.replaceAll(".*wait=", ""));
                if (wait < 4) {
                    Thread.sleep(wait * 1000 + 100);
                }
            }
        }
        assertThat(counted).isBetween(6, 8);
        assertThat(wait).isGreaterThanOrEqualTo(4);

        HttpResponse<String> right = attacker.signIn("gaia", PASSWORD);
        String location = right.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/login?wait=");
        assertThat(attacker.get("/account").statusCode()).isEqualTo(302);
        assertThat(attacker.get("/login?" + URI.create(location).getQuery()).body())
                .contains("Too many failed sign-ins for this account or from your address. Try again in");
        HttpResponse<String> script = attacker.send(HttpRequest.newBuilder(URI.create(attacker.base() + "/login"))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "username=gaia&password=" + PASSWORD.replace(' ', '+') + "&_csrf=" + attacker.csrf())));
        assertThat(script.statusCode()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(script.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 16L);
        assertThat(script.body()).contains("Try again in " + retryAfter + " seconds");

        Thread.sleep(retryAfter * 1000 + 200);
        WebClient gaia = WebClient.from("127.0.0.2", port);
        assertThat(gaia.signIn("gaia", PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error").doesNotContain("wait"));
        assertThat(gaia.get("/account").statusCode()).isEqualTo(200);

        List<AuditLog.Entry> entries = audit.newest(1000).stream()
                .filter(e -> "gaia".equals(e.account()))
                .toList();
        assertThat(entries.stream().filter(e -> e.kind() == AuditLog.Kind.SIGN_IN_FAILED))
                .hasSize(counted)
                .allSatisfy(e -> assertThat(e.address()).isEqualTo("127.0.0.2"));
        assertThat(entries.get(0).kind()).isEqualTo(AuditLog.Kind.SIGN_IN);
    }

    @Test
    void guessingManyAccountsFromOneAddressIsSlowedDownForThatAddressOnly() {
        accounts.create("hugo", "Hugo H.", PASSWORD, Role.CONTRIBUTOR);
        WebClient sprayer = WebClient.from("127.0.0.3", port);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> guess = sprayer.signIn("nobody" + i, "a password to spray");
            assertThat(guess.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }

        HttpResponse<String> fromSprayer = sprayer.signIn("hugo", PASSWORD);
        HttpResponse<String> fromElsewhere = WebClient.from("127.0.0.4", port).signIn("hugo", PASSWORD);

        assertThat(fromSprayer.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login?wait="));
        assertThat(fromElsewhere.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error").doesNotContain("wait"));
    }

    @Test
    void administratorsReadTheAuditLogOfSignInsAndAccountChanges() {
        WebClient root = signedIn(ADMIN, Role.ADMIN);
        root.get("/admin/users");
        root.post(
                "/admin/users",
                Map.of("username", "iris", "displayName", "Iris I.", "password", PASSWORD, "role", "CONTRIBUTOR"));
        root.get("/admin/users");
        root.post("/admin/users/iris", Map.of("role", "CURATOR", "enabled", "true"));
        WebClient iris = WebClient.from("127.0.0.5", port);
        iris.signIn("iris", "not her password");
        iris.signIn("iris", PASSWORD);
        iris.get("/account");
        iris.post("/account/password", Map.of("current", PASSWORD, "replacement", "iris's new password"));

        String page = root.get("/admin/audit").body();

        assertThat(page)
                .contains("account created")
                .contains("contributor → curator")
                .contains("sign-in failed")
                .contains("signed in")
                .contains("password changed")
                .contains("127.0.0.5");
        assertThat(page.indexOf("password changed")).isLessThan(page.indexOf("contributor → curator"));
        assertThat(iris.get("/admin/audit").statusCode()).isEqualTo(403);
        assertThat(new WebClient(port).get("/admin/audit").statusCode()).isEqualTo(302);
        String log = audit.newest(1000).toString();
        assertThat(log).doesNotContain(PASSWORD).doesNotContain("not her password");
    }
}
