package org.physicsofai.atlas.web.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads through {@code POST /api/imports} in the browser's own session: its session cookie and the
 * CSRF token of the page it shows, as a script on that page would send them.
 */
final class ApiLogUpload implements LogUpload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String upload(BrowserTest session, Path folder, String experiment) {
        session.open("/");
        Cookie cookie = session.browser().manage().getCookieNamed("JSESSIONID");
        if (cookie == null) {
            throw new IllegalStateException("The browser is not signed in: it has no session cookie");
        }
        List<WebElement> tokens = session.browser().findElements(By.cssSelector("#sign-out input[name=_csrf]"));
        if (tokens.isEmpty()) {
            throw new IllegalStateException("The page offers no CSRF token: is the browser signed in?");
        }
        String boundary = "atlas-e2e-" + UUID.randomUUID();
        byte[] body = multipart(boundary, folder, experiment);
        HttpRequest request = HttpRequest.newBuilder(URI.create(session.url("/api/imports")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .header("Cookie", "JSESSIONID=" + cookie.getValue())
                .header("X-CSRF-TOKEN", tokens.get(0).getAttribute("value"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw new IllegalStateException(
                        "The import answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode runs = JSON.readTree(response.body()).get("runs");
            if (runs == null || runs.isEmpty()) {
                throw new IllegalStateException("The import made no run: " + response.body());
            }
            return runs.get(0).asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] multipart(String boundary, Path folder, String experiment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path base = folder.toAbsolutePath().getParent();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = base.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
                write(
                        out,
                        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                out.write(Files.readAllBytes(file));
                write(out, "\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(
                out,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"experiment\"\r\n\r\n" + experiment
                        + "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
