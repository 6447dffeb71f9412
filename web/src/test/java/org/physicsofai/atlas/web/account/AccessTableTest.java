package org.physicsofai.atlas.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every unsafe endpoint of the application, enumerated from its own handler mappings, against every kind
 * of caller: anonymous, contributor, curator and administrator sessions, and an API token (of an
 * administrator: a token grants submitting and importing only, whoever owns it). An endpoint missing from
 * the table fails the test, so a new one cannot be added without deciding who may call it. Every
 * session-authenticated unsafe request needs its CSRF token, except the read-only SPARQL query endpoint.
 *
 * <p>A refusal is 401, 403 or a redirect to the sign-in page; anything else (200, 302 elsewhere, 400,
 * 404, 415, 422...) means the request got through security to the application. The bodies sent are
 * deliberately invalid, so that an allowed request changes nothing.
 */
class AccessTableTest extends AtlasWebTest {

    private static final String NO_SUCH_CONTRIBUTION = "00000000-0000-0000-0000-000000000000";

    /** Who may get through, in the order anonymous, contributor, curator, administrator, API token. */
    private record Access(String samplePath, boolean csrf, boolean... allowed) {}

    private static final boolean Y = true;
    private static final boolean N = false;

    /**
     * The table: {@code "METHOD pattern"} (with {@code " consumes ..."} where an endpoint accepts only
     * certain bodies) to who may call it. The SPARQL query endpoint reads only and needs no CSRF token;
     * its update form is refused to everybody by the application itself.
     */
    private static final Map<String, Access> TABLE = table();

    private static final List<String> READ_ONLY_QUERIES = List.of(
            "POST /sparql consumes application/x-www-form-urlencoded",
            "POST /sparql consumes application/sparql-query");

    private static Map<String, Access> table() {
        Map<String, Access> t = new TreeMap<>();
        String contribution = "/api/contributions/" + NO_SUCH_CONTRIBUTION;
        t.put("POST /account/profile", new Access("/account/profile", Y, N, Y, Y, Y, N));
        t.put("POST /account/password", new Access("/account/password", Y, N, Y, Y, Y, N));
        t.put("POST /account/tokens", new Access("/account/tokens", Y, N, Y, Y, Y, N));
        t.put("POST /account/tokens/{id}/revoke", new Access("/account/tokens/abc/revoke", Y, N, Y, Y, Y, N));
        t.put("POST /submit/edit", new Access("/submit/edit", Y, N, Y, Y, Y, N));
        t.put("POST /submit/{type}", new Access("/submit/claim", Y, N, Y, Y, Y, N));
        t.put("POST /review/accept", new Access("/review/accept", Y, N, N, Y, Y, N));
        t.put("POST /review/reject", new Access("/review/reject", Y, N, N, Y, Y, N));
        t.put("POST /review/retract", new Access("/review/retract", Y, N, N, Y, Y, N));
        t.put("POST /api/contributions/{id}/accept", new Access(contribution + "/accept", Y, N, N, Y, Y, N));
        t.put("POST /api/contributions/{id}/reject", new Access(contribution + "/reject", Y, N, N, Y, Y, N));
        t.put("POST /api/contributions/{id}/retract", new Access(contribution + "/retract", Y, N, N, Y, Y, N));
        t.put("POST /admin/users", new Access("/admin/users", Y, N, N, N, Y, N));
        t.put("POST /admin/users/{username}", new Access("/admin/users/table-nobody", Y, N, N, N, Y, N));
        t.put("POST /admin/sweeps/run", new Access("/admin/sweeps/run", Y, N, N, N, Y, N));
        t.put(
                "POST /api/{kind:observations|claims|laws|experiments|phenomena|observables|sources}"
                        + " consumes application/json",
                new Access("/api/observations", Y, N, Y, Y, Y, Y));
        t.put(
                "POST /api/contributions consumes application/ld+json,application/n-triples,text/turtle",
                new Access("/api/contributions", Y, N, Y, Y, Y, Y));
        t.put("POST /api/imports consumes multipart/form-data", new Access("/api/imports", Y, N, Y, Y, Y, Y));
        t.put("POST /import consumes multipart/form-data", new Access("/import", Y, N, Y, Y, Y, N));
        t.put("POST /import/{id}", new Access("/import/00000000000000000000000000000000", Y, N, Y, Y, Y, N));
        t.put("POST /disputes/explain", new Access("/disputes/explain", Y, N, N, Y, Y, N));
        t.put("POST /sparql consumes application/x-www-form-urlencoded", new Access("/sparql", N, Y, Y, Y, Y, Y));
        t.put("POST /sparql consumes application/sparql-query", new Access("/sparql", N, Y, Y, Y, Y, Y));
        t.put("POST /sparql consumes application/sparql-update", new Access("/sparql", N, N, N, N, N, N));
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            // Spring Boot's error page answers any method; it is reached directly only by signed-in people.
            t.put(method + " /error", new Access("/error", Y, N, Y, Y, Y, N));
        }
        return t;
    }

    @Autowired
    private ApplicationContext context;

    private WebClient anonymous;
    private WebClient contributor;
    private WebClient curator;
    private WebClient administrator;
    private String token;

    @BeforeEach
    void callers() {
        anonymous = new WebClient(port);
        anonymous.get("/login");
        contributor = signedIn("table-contributor", Role.CONTRIBUTOR);
        curator = signedIn("table-curator", Role.CURATOR);
        administrator = signedIn(ADMIN, Role.ADMIN);
        if (accounts.find("table-bot").isEmpty()) {
            accounts.create("table-bot", "bot", PASSWORD, Role.ADMIN);
        }
        token = accounts.createToken("table-bot", "table");
    }

    /** The unsafe endpoints as the application maps them, one entry per method and accepted body type. */
    private Map<String, String> unsafeEndpoints() {
        Map<String, String> endpoints = new TreeMap<>();
        for (RequestMappingHandlerMapping mapping :
                context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                var methods = info.getMethodsCondition().getMethods();
                List<String> unsafe = new ArrayList<>();
                for (RequestMethod method :
                        List.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE)) {
                    if (methods.isEmpty() || methods.contains(method)) {
                        unsafe.add(method.name());
                    }
                }
                String consumes = info.getConsumesCondition().getExpressions().stream()
                        .map(e -> e.getMediaType().toString())
                        .sorted()
                        .collect(Collectors.joining(","));
                for (String method : unsafe) {
                    for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                        endpoints.put(
                                method + " " + pattern + (consumes.isEmpty() ? "" : " consumes " + consumes),
                                consumes.isEmpty() ? "application/x-www-form-urlencoded" : consumes.split(",")[0]);
                    }
                }
            }
        }
        return endpoints;
    }

    @Test
    void theTableCoversExactlyTheUnsafeEndpointsTheApplicationMaps() {
        Map<String, String> endpoints = unsafeEndpoints();

        assertThat(endpoints)
                .as("unsafe endpoints found in the handler mappings")
                .hasSizeGreaterThan(15);
        assertThat(new TreeSet<>(endpoints.keySet()))
                .as("every unsafe endpoint has a row in the access table, and every row an endpoint")
                .isEqualTo(new TreeSet<>(TABLE.keySet()));
    }

    @Test
    void everyCallerGetsExactlyTheAccessTheTableGives() {
        Map<String, String> endpoints = unsafeEndpoints();
        List<String> mismatches = new ArrayList<>();
        List<String> callers = List.of("anonymous", "contributor", "curator", "administrator", "API token");
        for (var entry : endpoints.entrySet()) {
            Access access = TABLE.get(entry.getKey());
            if (access == null) {
                mismatches.add(entry.getKey() + ": no row in the table");
                continue;
            }
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            List<HttpResponse<String>> responses = List.of(
                    send(anonymous, method, access.samplePath(), entry.getValue(), true, null),
                    send(contributor, method, access.samplePath(), entry.getValue(), true, null),
                    send(curator, method, access.samplePath(), entry.getValue(), true, null),
                    send(administrator, method, access.samplePath(), entry.getValue(), true, null),
                    send(new WebClient(port), method, access.samplePath(), entry.getValue(), false, token));
            for (int i = 0; i < callers.size(); i++) {
                boolean allowed = !refused(responses.get(i));
                if (allowed != access.allowed()[i]) {
                    mismatches.add("%s as %s: expected %s, got %d %s"
                            .formatted(
                                    entry.getKey(),
                                    callers.get(i),
                                    access.allowed()[i] ? "allowed" : "refused",
                                    responses.get(i).statusCode(),
                                    responses
                                            .get(i)
                                            .headers()
                                            .firstValue("Location")
                                            .orElse("")));
                }
            }
        }

        assertThat(mismatches).as("mismatches with the access table").isEmpty();
    }

    @Test
    void nobodyAnonymousWrites() {
        assertThat(TABLE.entrySet())
                .filteredOn(e -> e.getValue().allowed()[0])
                .extracting(Map.Entry::getKey)
                .as("the only unsafe requests open to anonymous callers are read-only SPARQL queries")
                .containsExactlyInAnyOrderElementsOf(READ_ONLY_QUERIES);
    }

    @Test
    void everySessionAuthenticatedUnsafeRequestNeedsItsCsrfToken() {
        List<String> mismatches = new ArrayList<>();
        for (var entry : unsafeEndpoints().entrySet()) {
            Access access = TABLE.get(entry.getKey());
            if (access == null || !access.csrf()) {
                continue;
            }
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            HttpResponse<String> without =
                    send(administrator, method, access.samplePath(), entry.getValue(), false, null);
            if (without.statusCode() != 403) {
                mismatches.add(entry.getKey() + " without a CSRF token: " + without.statusCode());
            }
        }
        // Signing in and out are filters rather than handlers; they need the token too.
        if (administrator.postRaw("/logout", Map.of()).statusCode() != 403) {
            mismatches.add("POST /logout without a CSRF token");
        }
        if (new WebClient(port)
                        .postRaw("/login", Map.of("username", ADMIN, "password", ADMIN_PASSWORD))
                        .statusCode()
                != 403) {
            mismatches.add("POST /login without a CSRF token");
        }

        assertThat(mismatches)
                .as("unsafe requests that got through without a CSRF token")
                .isEmpty();
        assertThat(TABLE.entrySet())
                .filteredOn(e -> !e.getValue().csrf())
                .extracting(Map.Entry::getKey)
                .as("only the read-only SPARQL endpoint needs no CSRF token")
                .allSatisfy(endpoint -> assertThat(endpoint).startsWith("POST /sparql consumes "));
    }

    private static boolean refused(HttpResponse<String> response) {
        int status = response.statusCode();
        boolean toLogin = status == 302
                && response.headers().firstValue("Location").orElse("").endsWith("/login");
        return status == 401 || status == 403 || toLogin;
    }

    /** One request with a deliberately invalid body of the type the endpoint accepts. */
    private static HttpResponse<String> send(
            WebClient client, String method, String path, String contentType, boolean withCsrf, String token) {
        String body = switch (contentType) {
            case "application/x-www-form-urlencoded" ->
                "reason=test&contribution=x&name=x&username=x&password=x&role=x";
            case "multipart/form-data" -> "";
            case "application/json", "application/ld+json" -> "{}";
            default -> "";
        };
        String type = contentType.equals("multipart/form-data")
                ? "multipart/form-data; boundary=atlas-test-boundary"
                : contentType;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Content-Type", type)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (withCsrf && client.csrf() != null) {
            request.header("X-CSRF-TOKEN", client.csrf());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request);
    }
}
