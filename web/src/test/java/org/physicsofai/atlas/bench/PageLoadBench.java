package org.physicsofai.atlas.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pages under concurrent clients: a load generator of {@code clients} virtual threads sharing one
 * {@link HttpClient}, each sending requests back to back, measures the time to the first byte (the
 * response's status line and headers; the body is then read in full). A phase of the real pages
 * (entity, search, run and listing pages, in turn) and a phase of a trivial page of the same
 * application (the actuator's health check) alternate, under the same concurrency.
 */
public final class PageLoadBench {

    private PageLoadBench() {}

    /**
     * @param base the application's root URL, without a trailing slash
     * @param pages named groups of paths (such as "entity" to entity pages), requested in turn
     * @param trivial the trivial page's path
     */
    public static Report run(
            String base,
            Map<String, List<String>> pages,
            String trivial,
            int clients,
            int requestsPerClient,
            int rounds)
            throws InterruptedException, ExecutionException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        List<String[]> mix = new ArrayList<>();
        int longest = pages.values().stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (Map.Entry<String, List<String>> group : pages.entrySet()) {
                if (i < group.getValue().size()) {
                    mix.add(new String[] {group.getKey(), group.getValue().get(i)});
                }
            }
        }
        Samples pageP95 = new Samples();
        Samples trivialP95 = new Samples();
        Samples pageP50 = new Samples();
        Samples trivialP50 = new Samples();
        Map<String, Samples> perGroup = new LinkedHashMap<>();
        Samples trivialAll = new Samples();
        for (int round = -1; round < rounds; round++) {
            Map<String, Samples> groups = new LinkedHashMap<>();
            Samples pagesRound = phase(client, base, mix, clients, requestsPerClient, groups);
            Map<String, Samples> trivialGroups = new LinkedHashMap<>();
            Samples trivialRound = phase(
                    client,
                    base,
                    List.<String[]>of(new String[] {"trivial", trivial}),
                    clients,
                    requestsPerClient,
                    trivialGroups);
            if (round >= 0) {
                pageP95.add(pagesRound.p95());
                trivialP95.add(trivialRound.p95());
                pageP50.add(pagesRound.median());
                trivialP50.add(trivialRound.median());
                groups.forEach((name, samples) ->
                        perGroup.computeIfAbsent(name, n -> new Samples()).addAll(samples));
                trivialAll.addAll(trivialRound);
            }
        }
        Report report = new Report(
                        "Pages under " + clients + " concurrent clients (time to first byte)",
                        "a trivial page of the same application (" + trivial + "), same clients and concurrency",
                        String.format(
                                "%d clients x %d requests per phase, %d rounds after a warm-up round",
                                clients, requestsPerClient, rounds))
                .row(new Report.Row("p95 TTFB per round", "ms", pageP95, trivialP95, "<= 2.0", 2.0, false))
                .row(new Report.Row("p50 TTFB per round", "ms", pageP50, trivialP50, "", 0, false));
        perGroup.forEach((name, samples) -> report.note(String.format(
                "%s pages: p50 %s ms, p95 %s ms (%d requests)",
                name, Report.fmt(samples.median()), Report.fmt(samples.p95()), samples.size())));
        report.note(String.format(
                "trivial page: p50 %s ms, p95 %s ms (%d requests)",
                Report.fmt(trivialAll.median()), Report.fmt(trivialAll.p95()), trivialAll.size()));
        return report;
    }

    private static Samples phase(
            HttpClient client,
            String base,
            List<String[]> mix,
            int clients,
            int requestsPerClient,
            Map<String, Samples> groups)
            throws InterruptedException, ExecutionException {
        List<Future<List<Object[]>>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int offset = c * 7;
                futures.add(threads.submit(() -> {
                    List<Object[]> timings = new ArrayList<>();
                    for (int i = 0; i < requestsPerClient; i++) {
                        String[] page = mix.get((offset + i) % mix.size());
                        timings.add(new Object[] {page[0], ttfb(client, base + page[1])});
                    }
                    return timings;
                }));
            }
            Samples all = new Samples();
            for (Future<List<Object[]>> future : futures) {
                for (Object[] timing : future.get()) {
                    all.add((Double) timing[1]);
                    groups.computeIfAbsent((String) timing[0], n -> new Samples())
                            .add((Double) timing[1]);
                }
            }
            return all;
        }
    }

    /** Milliseconds until the status line and headers arrived; the body is read in full afterwards. */
    static double ttfb(HttpClient client, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        double millis = (System.nanoTime() - start) / 1e6;
        try (InputStream body = response.body()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return millis;
    }
}
