package org.physicsofai.atlas.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A notebook in the browser: a page served from another origin (another host name and port) queries
 * {@code /sparql} by GET and by POST (which needs a preflight) and shows what it got.
 */
class CrossOriginReadingTest extends BrowserTest {

    private static final String GROKKING = "https://w3id.org/physics-of-ai/id/phenomenon/grokking";

    private HttpServer notebook;

    @BeforeAll
    void serveTheNotebook() throws IOException {
        notebook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notebook.createContext("/", exchange -> {
            byte[] page = page().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        notebook.start();
    }

    @AfterAll
    void stopTheNotebook() {
        if (notebook != null) {
            notebook.stop(0);
        }
    }

    /** The notebook's page: its own origin is 127.0.0.1, the Atlas is reached as localhost. */
    private String page() {
        String endpoint = url("/sparql");
        String query = "SELECT ?p WHERE { ?p a <https://w3id.org/physics-of-ai/atlas#Phenomenon> }";
        return """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>notebook</title></head>
                <body><pre id="get">waiting</pre><pre id="post">waiting</pre>
                <script>
                const endpoint = %s, query = %s;
                const show = (id) => (answer) => document.getElementById(id).textContent =
                    answer.results.bindings.map(row => row.p.value).join("\\n");
                fetch(endpoint + "?query=" + encodeURIComponent(query),
                      {headers: {Accept: "application/sparql-results+json"}})
                    .then(r => r.json()).then(show("get"), e => document.getElementById("get").textContent = "failed " + e);
                fetch(endpoint, {method: "POST", body: query,
                      headers: {"Content-Type": "application/sparql-query", Accept: "application/sparql-results+json"}})
                    .then(r => r.json()).then(show("post"), e => document.getElementById("post").textContent = "failed " + e);
                </script></body></html>
                """.formatted(jsString(endpoint), jsString(query));
    }

    private static String jsString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void aPageFromAnotherOriginQueriesTheEndpoint() {
        browser().get("http://127.0.0.1:" + notebook.getAddress().getPort() + "/");
        waitForDocument();

        waiting()
                .until(d -> !d.findElement(By.id("get")).getText().equals("waiting")
                        && !d.findElement(By.id("post")).getText().equals("waiting"));

        assertThat(browser().findElement(By.id("get")).getText()).contains(GROKKING);
        assertThat(browser().findElement(By.id("post")).getText()).contains(GROKKING);
    }
}
