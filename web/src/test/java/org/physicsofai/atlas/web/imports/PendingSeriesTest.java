package org.physicsofai.atlas.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.importers.ImportProgress;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A contributor's pending re-import of an accepted MLflow run (same run id, forged points) through
 * {@code POST /api/imports} never changes what readers of accepted series get; rejecting it leaves the
 * accepted points as they were, accepting one publishes its points. Real stores on disk, over HTTP.
 */
class PendingSeriesTest extends AtlasWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ACCEPTED_POINTS = 20_000;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Importer importer;

    @Autowired
    SeriesStore series;

    @Autowired
    KnowledgeStore store;

    /** An MLflow file store with one run logging {@code loss} as the given lines ("time value step"). */
    private static Path mlflowRun(String runId, String lossLines) throws Exception {
        Path root = Files.createTempDirectory(DATA, "mlruns");
        Path store = root.resolve("mlruns");
        Files.createDirectories(store.resolve("0/" + runId + "/metrics"));
        Files.writeString(
                store.resolve("0/meta.yaml"),
                "artifact_location: mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: isolation\n");
        Files.writeString(
                store.resolve("0/" + runId + "/meta.yaml"),
                "artifact_uri: mlruns/0/" + runId + "/artifacts\nend_time: 1700000009000\nexperiment_id: '0'\n"
                        + "lifecycle_stage: active\nrun_id: " + runId + "\nrun_name: ''\nrun_uuid: " + runId
                        + "\nsource_type: 4\nstart_time: 1700000000000\nstatus: 3\ntags: []\nuser_id: someone\n");
        Files.writeString(store.resolve("0/" + runId + "/metrics/loss"), lossLines);
        return store;
    }

    private static String lines(int points, java.util.function.IntToDoubleFunction value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < points; i++) {
            out.append(1700000000000L + i)
                    .append(' ')
                    .append(value.applyAsDouble(i))
                    .append(' ')
                    .append(i)
                    .append('\n');
        }
        return out.toString();
    }

    /** Uploads every file of an MLflow store as parts named by their relative paths, with a contributor's token. */
    private HttpResponse<String> upload(Path mlruns, String token) throws Exception {
        String boundary = "atlas" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        try (var files = Files.walk(mlruns)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                body.append("--")
                        .append(boundary)
                        .append("\r\nContent-Disposition: form-data; name=\"files\"; filename=\"mlruns/")
                        .append(mlruns.relativize(file).toString().replace('\\', '/'))
                        .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .append(Files.readString(file))
                        .append("\r\n");
            }
        }
        body.append("--").append(boundary).append("--\r\n");
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode points(String seriesIri, String contribution, String token) throws Exception {
        String path = "/api/series/" + seriesIri.substring(seriesIri.lastIndexOf('/') + 1)
                + (contribution == null
                        ? ""
                        : "?contribution=" + URLEncoder.encode(contribution, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private static String lossSeries(JsonNode report) {
        for (JsonNode s : report.get("series")) {
            if (s.asString().endsWith("--loss")) {
                return s.asString();
            }
        }
        throw new AssertionError("no loss series in " + report);
    }

    private static void assertAcceptedCurve(JsonNode points) {
        assertThat(points).isNotNull();
        assertThat(points.get("points").asInt()).isEqualTo(ACCEPTED_POINTS);
        assertThat(points.get("value").get(0).asDouble()).isEqualTo(1.0);
        assertThat(points.get("value").get(ACCEPTED_POINTS - 1).asDouble()).isEqualTo(1.0 / ACCEPTED_POINTS);
        for (JsonNode v : points.get("value")) {
            assertThat(v.asDouble()).isNotEqualTo(999.0);
        }
    }

    private HttpResponse<String> decide(WebClient curator, String contribution, String decision) {
        String id = contribution.substring(contribution.lastIndexOf('/') + 1);
        return curator.send(HttpRequest.newBuilder(
                        URI.create(curator.base() + "/api/contributions/" + id + "/" + decision))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-CSRF-TOKEN", curator.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"checked against the lab notebook\"}")));
    }

    @Test
    void aPendingReimportNeitherShowsNorDestroysTheAcceptedPoints() throws Exception {
        String runId = "f0f0" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // The accepted run, imported by the operator (as from the command line: accepted at once).
        ImportReport accepted = importer.run(
                new ImportRequest(
                        List.of(ImportRequest.Source.of(mlflowRun(runId, lines(ACCEPTED_POINTS, i -> 1.0 / (i + 1))))),
                        null,
                        null,
                        new ObservableMapping(java.util.Map.of()),
                        Importer.commandLineAgent("http://localhost:8080/id/"),
                        true),
                ImportProgress.NONE);
        assertThat(accepted.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        String loss = accepted.series().stream()
                .filter(s -> s.endsWith("--loss"))
                .findFirst()
                .orElseThrow();
        assertAcceptedCurve(points(loss, null, null));

        if (accounts.find("forger").isEmpty()) {
            accounts.create("forger", "Forger", PASSWORD, Role.CONTRIBUTOR);
        }
        String forger = accounts.createToken("forger", "test");
        HttpResponse<String> forged = upload(mlflowRun(runId, lines(100, i -> 999.0)), forger);
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(201);
        JsonNode pending = JSON.readTree(forged.body());
        String contribution = pending.get("contribution").asString();
        assertThat(lossSeries(pending)).isEqualTo(loss);
        assertThat(store.contribution(contribution).orElseThrow().status().name())
                .isEqualTo("PENDING");

        // Readers of accepted knowledge see the accepted points, whole and downsampled.
        assertAcceptedCurve(points(loss, null, null));
        assertAcceptedCurve(points(loss, null, forger));
        JsonNode plot = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/series/"
                                        + loss.substring(loss.lastIndexOf('/') + 1) + "?maxPoints=100"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        plot.get("value").forEach(v -> assertThat(v.asDouble()).isNotEqualTo(999.0));
        // The author and curators see the pending points; nobody else learns of them.
        JsonNode own = points(loss, contribution, forger);
        assertThat(own.get("points").asInt()).isEqualTo(100);
        own.get("value").forEach(v -> assertThat(v.asDouble()).isEqualTo(999.0));
        assertThat(points(loss, contribution, null)).isNull();
        if (accounts.find("bystander").isEmpty()) {
            accounts.create("bystander", "Bystander", PASSWORD, Role.CONTRIBUTOR);
        }
        assertThat(points(loss, contribution, accounts.createToken("bystander", "test")))
                .isNull();

        WebClient curator = signedIn("isolation-curator", Role.CURATOR);
        assertThat(decide(curator, contribution, "reject").statusCode()).isEqualTo(200);
        assertAcceptedCurve(points(loss, null, null));
        // Rejecting removes what the upload staged at once; the accepted points stay, and start-up finds
        // nothing of it left to discard.
        assertThat(series.staged()).extracting(SeriesStore.Staged::contribution).doesNotContain(contribution);
        assertThat(points(loss, contribution, null)).isNull();
        Importer.Recovery recovery = importer.recover();
        assertThat(recovery.discarded()).doesNotContain(contribution);
        assertAcceptedCurve(points(loss, null, null));

        // A pending upload that a curator accepts becomes what everyone reads.
        HttpResponse<String> longer = upload(mlflowRun(runId, lines(ACCEPTED_POINTS + 500, i -> 0.5)), forger);
        assertThat(longer.statusCode()).as(longer.body()).isEqualTo(201);
        String second = JSON.readTree(longer.body()).get("contribution").asString();
        assertAcceptedCurve(points(loss, null, null));
        assertThat(decide(curator, second, "accept").statusCode()).isEqualTo(200);
        JsonNode now = points(loss, null, null);
        assertThat(now.get("points").asInt()).isEqualTo(ACCEPTED_POINTS + 500);
        now.get("value").forEach(v -> assertThat(v.asDouble()).isEqualTo(0.5));
        assertThat(series.staged()).extracting(SeriesStore.Staged::contribution).doesNotContain(second);
    }
}
