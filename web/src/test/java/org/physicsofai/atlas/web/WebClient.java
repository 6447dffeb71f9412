package org.physicsofai.atlas.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for tests: it keeps cookies (the session), does not follow redirects,
 * and sends the CSRF token of the last page it loaded with each form it posts.
 */
public final class WebClient {

    public static final String HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String csrf;

    public WebClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private WebClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /**
     * A client whose connections come from another loopback address, such as {@code 127.0.0.2}, so
     * that the server sees a client address of its own.
     */
    public static WebClient from(String loopbackAddress, int port) {
        try {
            return new WebClient(
                    "http://127.0.0.1:" + port,
                    HttpClient.newBuilder()
                            .cookieHandler(new CookieManager())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .localAddress(java.net.InetAddress.getByName(loopbackAddress))
                            .build());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", HTML)
                .GET());
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    /** Posts a form with the CSRF token of the last page loaded. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        return postRaw(path, all);
    }

    /** Posts a form exactly as given, without a CSRF token unless the fields carry one. */
    public HttpResponse<String> postRaw(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", HTML)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs in through the login form; returns the response to the login post. */
    public HttpResponse<String> signIn(String username, String password) {
        get("/login");
        return post("/login", Map.of("username", username, "password", password));
    }

    /** The path a redirect points to, whether the Location header is absolute or not. */
    public static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow();
        return URI.create(location).getPath();
    }

    public String base() {
        return base;
    }

    /** The CSRF token of the last page loaded, for requests that send it as the {@code X-CSRF-TOKEN} header. */
    public String csrf() {
        return csrf;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
