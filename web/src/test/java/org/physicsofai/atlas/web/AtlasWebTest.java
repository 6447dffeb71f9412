package org.physicsofai.atlas.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.physicsofai.atlas.web.account.AccountService;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The whole application on a random port over real stores in a temporary data directory, with the
 * shipped seed loaded. Every test class that extends this shares one application (Spring's test
 * context cache), so the seed is loaded once per test run; tests therefore use names of their own and
 * never assume an empty store. Each test starts after the analysis of the seed that follows start-up, so
 * that the contributions it stores do not arrive in the middle of a test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "atlas.sparql.timeout=2s",
            "atlas.sparql.max-rows=500",
            // a bound on held rows that a loaded test machine reaches well within the 2 s timeout
            "atlas.sparql.max-held-rows=20000",
            // a base of its own, as behind a proxy; the default (the server's own address) is checked by BaseIriTest
            "atlas.base-iri=http://localhost:8080/id/",
            "atlas.admin.username=" + AtlasWebTest.ADMIN,
            "atlas.admin.password=" + AtlasWebTest.ADMIN_PASSWORD
        })
public abstract class AtlasWebTest {

    /** The administrator created from settings at start-up. */
    protected static final String ADMIN = "root";

    protected static final String ADMIN_PASSWORD = "correct horse battery";

    /** The data directory of the shared application, removed when the test JVM exits. */
    protected static final Path DATA = createDataDir();

    /** The password of every account the tests make. */
    protected static final String PASSWORD = "a long enough password";

    @LocalServerPort
    protected int port;

    @Autowired
    protected AccountService accounts;

    @Autowired
    protected SeedAnalysisRunner seedAnalysis;

    @BeforeEach
    void waitForTheSeedAnalysis() throws Exception {
        // a failed or cancelled analysis is the business of the tests of the analysis, not of every test
        seedAnalysis.finished().handle((report, failure) -> report).get(5, TimeUnit.MINUTES);
    }

    /** A browser signed in as the given account, made with that role if it does not exist yet. */
    protected WebClient signedIn(String username, Role role) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, "Dr " + username, PASSWORD, role);
        }
        WebClient client = new WebClient(port);
        client.signIn(username, username.equals(ADMIN) ? ADMIN_PASSWORD : PASSWORD);
        client.get("/"); // signing in issues a new CSRF token, which the next form must carry
        return client;
    }

    /** The CSV answer of a SPARQL query, as any reader gets it. */
    protected String sparqlCsv(String query) {
        return new WebClient(port)
                .get("/sparql?format=csv&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
                .body();
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("atlas.data-dir", DATA::toString);
    }

    private static Path createDataDir() {
        try {
            Path directory = Files.createTempDirectory("atlas-web-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileSystemUtils.deleteRecursively(directory);
                } catch (IOException e) {
                    // The operating system cleans temporary directories; nothing else to do at exit.
                }
            }));
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
