package org.physicsofai.atlas.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;

/**
 * Eight readers (SPARQL, search, entity and run pages over HTTP) and one writer (submitting observations
 * with an API token, each accepted by a curator's session) against the running application for 60 s:
 * no request fails, every submitted observation is found exactly once at the end, and the counts the
 * readers see never go backwards.
 */
@Tag("reliability")
class ConcurrencyTest extends AtlasWebTest {

    private static final Duration RUNNING = Duration.ofSeconds(60);
    private static final int READERS = 8;
    private static final String RUN = "https://w3id.org/physics-of-ai/id/run/liu2022eff-pd-lr00-wd00";
    /** A word of its own, so that only this test's observations count. */
    private static final String WORD = "concurrencyprobe";

    private static final String COUNT = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT (COUNT(?o) AS ?observations) (COUNT(DISTINCT ?label) AS ?labels) WHERE {
              ?o atlas:run <%s> ; a atlas:Observation ; skos:prefLabel ?label .
              FILTER(STRSTARTS(STR(?label), "%s "))
            }
            """.formatted(RUN, WORD);
    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\D+(\\d+)\\s*$");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    @Test
    void readersAndAWriterTogetherLoseNothingAndNeverSeeCountsGoBack() throws Exception {
        WebClient curator = signedIn("concurrency-curator", Role.CURATOR);
        long before = sparqlCount()[0];
        assertThat(before).isZero();

        long end = System.nanoTime() + RUNNING.toNanos();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
        try {
            Future<List<String>> writer = pool.submit(() -> write(curator, end, errors));
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                int reader = r;
                readers.add(pool.submit(() -> read(reader, end, errors, reads)));
            }
            List<String> submitted = writer.get(RUNNING.toSeconds() + 120, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(RUNNING.toSeconds() + 120, TimeUnit.SECONDS);
            }

            System.out.printf(
                    "Concurrency: %d observations submitted and accepted, %d reads, %d errors%n",
                    submitted.size(), reads.get(), errors.size());
            assertThat(errors).as("errors seen by readers and the writer").isEmpty();
            assertThat(submitted)
                    .as("observations submitted")
                    .hasSizeGreaterThanOrEqualTo(2)
                    .doesNotHaveDuplicates();
            assertThat(reads.get()).as("reads").isGreaterThanOrEqualTo(READERS * 2);
            long[] after = sparqlCount();
            assertThat(after[0]).as("observations found by SPARQL").isEqualTo(submitted.size());
            assertThat(after[1]).as("distinct submitted labels found by SPARQL").isEqualTo(submitted.size());
            assertThat(searchTotal(new WebClient(port)))
                    .as("observations found by search")
                    .isEqualTo(submitted.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Submits observations until the end, accepting each; returns the labels of those accepted. */
    private List<String> write(WebClient curator, long end, List<String> errors) {
        List<String> submitted = new ArrayList<>();
        int account = 0;
        String token = null;
        WebClient client = new WebClient(port);
        while (System.nanoTime() < end) {
            if (submitted.size() % 100 == 0) {
                // Under the per-account hourly limit of submissions: a fresh account every hundred.
                String username = "concurrency-writer-" + (account++);
                if (accounts.find(username).isEmpty()) {
                    accounts.create(username, "Dr " + username, PASSWORD, Role.CONTRIBUTOR);
                }
                token = accounts.createToken(username, "concurrency");
            }
            String label = WORD + " " + submitted.size() + " " + Long.toHexString(System.nanoTime());
            HttpResponse<String> response =
                    client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/observations"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("""
                            {"run": "%s", "observable": "/id/observable/train-accuracy",
                             "value": %s, "step": %d, "prefLabel": "%s"}
                            """.formatted(
                                            RUN, ThreadLocalRandom.current().nextDouble(), submitted.size(), label))));
            if (response.statusCode() != 201) {
                errors.add("submit: " + response.statusCode() + " " + response.body());
                return submitted;
            }
            Matcher iri = Pattern.compile("\"iri\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
            if (!iri.find()) {
                errors.add("submit: no contribution in " + response.body());
                return submitted;
            }
            HttpResponse<String> accepted =
                    curator.post("/review/accept", Map.of("contribution", iri.group(1), "reason", "concurrency"));
            if (accepted.statusCode() != 302 || !WebClient.location(accepted).equals("/review")) {
                errors.add("accept: " + accepted.statusCode() + " " + accepted.body());
                return submitted;
            }
            submitted.add(label);
        }
        return submitted;
    }

    /** Reads in turn SPARQL counts, search counts, an entity page and a run page until the end. */
    private void read(int reader, long end, List<String> errors, AtomicInteger reads) {
        WebClient client = new WebClient(port);
        long lastSparql = 0;
        long lastSearch = 0;
        String runPage = "/run?iri=" + URLEncoder.encode(RUN, StandardCharsets.UTF_8);
        for (int i = reader; System.nanoTime() < end; i++) {
            try {
                switch (i % 4) {
                    case 0 -> {
                        long count = sparqlCount()[0];
                        if (count < lastSparql) {
                            errors.add("reader " + reader + ": SPARQL count went back from " + lastSparql + " to "
                                    + count);
                        }
                        lastSparql = count;
                    }
                    case 1 -> {
                        long count = searchTotal(client);
                        if (count < lastSearch) {
                            errors.add("reader " + reader + ": search count went back from " + lastSearch + " to "
                                    + count);
                        }
                        lastSearch = count;
                    }
                    case 2 -> expectPage(client, "/id/phenomenon/grokking", "grokking", errors);
                    default -> expectPage(client, runPage, "liu2022eff-pd-lr00-wd00", errors);
                }
                reads.incrementAndGet();
            } catch (RuntimeException e) {
                errors.add("reader " + reader + ": " + e);
            }
        }
    }

    private static void expectPage(WebClient client, String path, String text, List<String> errors) {
        HttpResponse<String> response = client.get(path);
        if (response.statusCode() != 200 || !response.body().contains(text)) {
            errors.add(path + ": " + response.statusCode());
        }
    }

    /** How many of this test's observations SPARQL finds, and how many distinct labels they carry. */
    private long[] sparqlCount() {
        String csv = sparqlCsv(COUNT);
        Matcher m = NUMBERS.matcher(csv.strip());
        if (!m.find()) {
            throw new IllegalStateException("Not a count: " + csv);
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static long searchTotal(WebClient client) {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(client.base() + "/api/search?type=Observation&limit=1&q=" + WORD))
                        .header("Accept", "application/json"));
        Matcher m = TOTAL.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("search: " + response.statusCode() + " " + response.body());
        }
        return Long.parseLong(m.group(1));
    }
}
