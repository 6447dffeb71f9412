package org.physicsofai.atlas.web.xss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;
import org.physicsofai.atlas.web.search.Listings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Script-injection payloads typed into every form and carried by an uploaded log's names are served
 * inert on every page that shows them: shown as text, never as an element, an event handler, a
 * {@code javascript:} link or an evaluated template expression.
 */
class XssTest extends AtlasWebTest {

    /** Each payload carries a marker, so that a page can be shown to display it as text. */
    static final List<String> PAYLOADS = List.of(
            "<script>alert('xss-S')</script>",
            "\"><img src=x onerror=alert('xss-I')>",
            "javascript:alert('xss-J')",
            "</title><script>alert('xss-T')</script>",
            "<svg onload=alert('xss-V')>",
            "'><svg/onload=alert('xss-Q')>",
            "[[${7*7}]]xss-E",
            "__${7*7}__xss-P",
            "<a href=\"javascript:alert('xss-A')\">xss-A</a>");

    static final String ALL = String.join(" ", PAYLOADS);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A start tag with its attributes; quoted values may hold anything but their own quote. */
    private static final Pattern TAG = Pattern.compile(
            "<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^\\s=/>\"']+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s>\"']+))?)*)\\s*/?>");

    private static final Pattern ATTRIBUTE =
            Pattern.compile("([^\\s=/>\"']+)(?:\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>\"']+))?");

    private static final java.util.Set<String> EMBEDDING =
            java.util.Set.of("script", "img", "svg", "iframe", "object", "embed", "image");
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Fails if a payload became markup anywhere in the page: an element that runs or loads something
     * carrying a marker, any event-handler attribute, a {@code javascript:} URL in a link or source,
     * or an evaluated template expression. With {@code shown}, a marker must be there as text.
     */
    static void assertInert(String where, String html, boolean shown) {
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            String name = tag.group(1).toLowerCase(java.util.Locale.ROOT);
            if (EMBEDDING.contains(name)) {
                int close = name.equals("script") ? html.indexOf("</script", tag.end()) : tag.end();
                String body = html.substring(tag.start(), Math.max(tag.end(), close));
                if (body.contains("xss-") || body.contains("alert(")) {
                    fail(where, html, tag.start(), tag.end());
                }
            }
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                String attr = attribute.group(1).toLowerCase(java.util.Locale.ROOT);
                String value =
                        attribute.group(2) == null ? "" : attribute.group(2).replaceAll("^[\"']|[\"']$", "");
                String compact = value.replaceAll("\\s", "").toLowerCase(java.util.Locale.ROOT);
                if (attr.startsWith("on") && (compact.contains("alert") || compact.contains("xss"))) {
                    fail(where, html, tag.start(), tag.end());
                }
                if (java.util.Set.of("href", "src", "action", "formaction", "xlink:href", "data")
                                .contains(attr)
                        && compact.startsWith("javascript:")) {
                    fail(where, html, tag.start(), tag.end());
                }
            }
        }
        for (String evaluated : List.of("49xss-E", "49xss-P")) {
            int at = html.indexOf(evaluated);
            if (at >= 0) {
                fail(where, html, at, at + evaluated.length());
            }
        }
        if (shown) {
            assertThat(html).as(where + " shows the payload as text").contains("xss-");
        }
    }

    private static void fail(String where, String html, int start, int end) {
        throw new AssertionError(where + " serves an executable payload: "
                + html.substring(Math.max(0, start - 80), Math.min(html.length(), end + 80)));
    }

    private String page(WebClient client, String path) {
        HttpResponse<String> response = client.get(path);
        assertThat(response.statusCode()).as(path).isLessThan(500);
        return response.body();
    }

    @Test
    void payloadsInEveryFormAreInertOnEveryPageThatShowsThem() {
        WebClient admin = signedIn(ADMIN, Role.ADMIN);
        WebClient curator = signedIn("xss-curator", Role.CURATOR);
        if (accounts.find("xss-author").isEmpty()) {
            accounts.create("xss-author", ALL, PASSWORD, Role.CONTRIBUTOR);
        }
        WebClient author = new WebClient(port);
        author.signIn("xss-author", PASSWORD);
        author.get("/account");
        author.post("/account/profile", Map.of("displayName", ALL, "orcid", "javascript:alert('xss-J')"));
        assertInert("/account", page(author, "/account"), true);
        assertInert("/admin/users", page(admin, "/admin/users"), true);

        // Every kind of submission, every field: accepted or sent back with errors, the page is inert.
        List<String> created = new ArrayList<>();
        for (String type :
                List.of("observation", "claim", "law", "experiment", "phenomenon", "observable", "source", "insight")) {
            String form = page(curator, "/submit/" + type);
            HttpResponse<String> answer = curator.post("/submit/" + type, fill(form));
            if (answer.statusCode() == 302) {
                created.add(WebClient.location(answer));
            } else {
                assertInert("/submit/" + type + " sent back", answer.body(), true);
            }
        }
        // A claim and an insight that pass validation, by a curator (accepted) and by a contributor (pending).
        curator.get("/submit/claim");
        HttpResponse<String> claim = curator.post("/submit/claim", claim(ALL));
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(302);
        String claimPath = WebClient.location(claim);
        created.add(claimPath);
        curator.get("/submit/insight");
        HttpResponse<String> insight = curator.post(
                "/submit/insight",
                Map.of(
                        "atlas_text",
                        "xss insight " + ALL + "\n\n[click](javascript:alert('xss-M'))",
                        "atlas_about",
                        "/id/phenomenon/grokking"));
        assertThat(insight.statusCode()).isEqualTo(302);
        author.get("/submit/claim");
        HttpResponse<String> pending = author.post("/submit/claim", claim("pending " + ALL));
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(302);

        String review = page(curator, "/review");
        assertInert("/review", review, true);
        // Review reasons: a rejection and a retraction, each with payloads.
        String pendingContribution = contributionOf(review, "pending");
        if (pendingContribution != null) {
            curator.post("/review/reject", Map.of("contribution", pendingContribution, "reason", ALL));
        }
        String claimContribution = claimPath.replace("/id/", "http://localhost:8080/id/");
        curator.get("/review");
        curator.post("/review/retract", Map.of("contribution", claimContribution, "reason", "retracted " + ALL));

        for (String path : created) {
            assertInert(path, page(curator, path), true);
            assertInert(path + " (anonymous)", page(new WebClient(port), path), true);
            String iri = "http://localhost:8080" + path;
            String encoded = URLEncoder.encode(iri, StandardCharsets.UTF_8);
            assertInert("/why " + path, page(curator, "/why?claim=" + encoded), false);
            assertInert("/trace " + path, page(curator, "/trace?from=" + encoded), false);
        }
        WebClient reader = new WebClient(port);
        assertInert("/search", page(reader, "/search?q=xss"), true);
        assertInert(
                "/search (script)", page(reader, "/search?q=" + URLEncoder.encode(ALL, StandardCharsets.UTF_8)), true);
        for (String listing : Listings.PATH_BY_TYPE.values()) {
            assertInert(listing, page(reader, "/" + listing + "?q=xss"), false);
        }
        assertInert("/", page(reader, "/"), false);
        assertInert("/insights", page(reader, "/insights"), true);
        assertInert("/review after", page(curator, "/review"), false);
        assertInert("/id/phenomenon/grokking", page(reader, "/id/phenomenon/grokking"), true);
        assertInert(
                "/sparql",
                page(
                        reader,
                        "/sparql?query="
                                + URLEncoder.encode(
                                        "SELECT ?s WHERE { ?s ?p \"" + "xss\" } #" + ALL, StandardCharsets.UTF_8)),
                false);
        assertInert("/nowhere", page(reader, "/id/" + URLEncoder.encode(ALL, StandardCharsets.UTF_8)), false);

        HttpResponse<String> suggest = reader.get("/api/search/suggest?q=xss");
        assertThat(suggest.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(suggest.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<String> atom = reader.get("/insights.atom");
        assertThat(atom.body())
                .contains("xss insight")
                .doesNotContain("<script")
                .doesNotContain("<img");
    }

    @Test
    void payloadsInAnUploadedLogsNamesAreInertOnTheCurvePages() throws Exception {
        String run = "0123456789abcdef0123456789abcdee";
        String store = "xss-mlruns/";
        List<String[]> parts = List.of(
                new String[] {
                    store + "7/meta.yaml", "experiment_id: '7'\nname: \"" + yaml(ALL) + "\"\nlifecycle_stage: active\n"
                },
                new String[] {
                    store + "7/" + run + "/meta.yaml",
                    "run_id: " + run + "\nexperiment_id: '7'\nstatus: 3\n"
                            + "start_time: 1664364007025\nend_time: 1664364107025\nlifecycle_stage: active\n"
                },
                new String[] {
                    store + "7/" + run + "/metrics/<svg onload=alert('xss-V')>",
                    "1664364007310 0.5 0\n1664364007311 0.4 1\n"
                },
                new String[] {store + "7/" + run + "/metrics/val_loss", "1664364007310 0.5 0\n1664364007311 0.4 1\n"},
                new String[] {store + "7/" + run + "/params/<script>alert('xss-S')<", ALL},
                new String[] {store + "7/" + run + "/params/optimizer", "javascript:alert('xss-J')"},
                new String[] {store + "7/" + run + "/tags/mlflow.runName", ALL});
        HttpResponse<String> uploaded = upload(parts);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode report = JSON.readTree(uploaded.body());
        WebClient curator = signedIn("xss-curator", Role.CURATOR);
        curator.get("/review");
        HttpResponse<String> accepted = curator.post(
                "/review/accept",
                Map.of("contribution", report.get("contribution").asString()));
        assertThat(accepted.statusCode()).isLessThan(400);

        WebClient reader = new WebClient(port);
        List<String> pages = new ArrayList<>();
        for (JsonNode r : report.get("runs")) {
            String iri = URLEncoder.encode(r.asString(), StandardCharsets.UTF_8);
            pages.add("/run?iri=" + iri);
            pages.add("/compare?run=" + iri);
            pages.add(URI.create(r.asString()).getPath());
        }
        for (JsonNode e : report.get("experiments")) {
            pages.add("/experiment?iri=" + URLEncoder.encode(e.asString(), StandardCharsets.UTF_8));
            pages.add(URI.create(e.asString()).getPath());
        }
        for (JsonNode o : report.get("proposedObservables")) {
            pages.add("/observable?iri=" + URLEncoder.encode(o.asString(), StandardCharsets.UTF_8));
        }
        pages.add("/runs");
        pages.add("/experiments");
        pages.add("/search?q=xss");
        for (String path : pages) {
            assertInert(path, page(reader, path), !path.startsWith("/compare") && !path.startsWith("/observable"));
        }
        assertInert("/review", page(curator, "/review"), false);
    }

    private static String yaml(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Map<String, String> claim(String statement) {
        Map<String, String> claim = new LinkedHashMap<>();
        claim.put("atlas_statement@en", statement);
        claim.put("atlas_statement@zh", statement);
        claim.put("atlas_certainty", "https://w3id.org/physics-of-ai/atlas#tentative");
        claim.put("atlas_about", "/id/phenomenon/grokking");
        return claim;
    }

    private static final Pattern FIELD =
            Pattern.compile("(?is)<(input|textarea|select)\\b([^>]*)>(.*?)(?=<(?:input|textarea|select|/form)\\b)");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\\btype=\"([^\"]+)\"");
    private static final Pattern OPTION = Pattern.compile("<option\\b[^>]*value=\"([^\"]+)\"");

    /** Every field of the submission form: text gets the payloads, choices their first option. */
    private static Map<String, String> fill(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        String body = form.substring(form.indexOf("<main"));
        Matcher m = FIELD.matcher(body);
        while (m.find()) {
            Matcher name = NAME.matcher(m.group(2));
            if (!name.find() || name.group(1).equals("_csrf")) {
                continue;
            }
            Matcher type = TYPE.matcher(m.group(2));
            String kind = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String t = type.find() ? type.group(1) : "text";
            if (kind.equals("select")) {
                Matcher option = OPTION.matcher(m.group(3));
                values.put(name.group(1), option.find() ? option.group(1) : "");
            } else if (t.equals("number")) {
                values.put(name.group(1), "2020");
            } else if (t.equals("checkbox")) {
                values.put(name.group(1), "true");
            } else if (!t.equals("hidden") && !t.equals("submit")) {
                values.putIfAbsent(name.group(1), ALL);
            }
        }
        return values;
    }

    /** The contribution IRI of the review card whose text holds {@code marker}, or null. */
    private static String contributionOf(String review, String marker) {
        Matcher m = Pattern.compile("name=\"contribution\" value=\"([^\"]+)\"").matcher(review);
        String found = null;
        int at = review.indexOf(marker);
        while (m.find()) {
            if (at >= 0 && m.start() > at && found == null) {
                found = m.group(1);
            }
        }
        return found;
    }

    private HttpResponse<String> upload(List<String[]> parts) throws Exception {
        String boundary = "atlas" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] part : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                            + part[0].replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                            + part[1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"experiment\"\r\n\r\n" + ALL
                        + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        if (accounts.find("xss-uploader").isEmpty()) {
            accounts.create("xss-uploader", ALL, PASSWORD, Role.CONTRIBUTOR);
        }
        String token = accounts.createToken("xss-uploader", "xss " + UUID.randomUUID());
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
