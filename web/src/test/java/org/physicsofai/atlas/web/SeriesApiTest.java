package org.physicsofai.atlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Uploads through {@code POST /api/imports} and reads series back, over HTTP on a real store. */
class SeriesApiTest extends AtlasWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    KnowledgeStore store;

    /** A multipart body with one part per (file name, content). */
    private HttpResponse<String> upload(List<String[]> parts, String... fields) throws Exception {
        String boundary = "atlas" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (String[] part : parts) {
            body.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Disposition: form-data; name=\"files\"; filename=\"")
                    .append(part[0])
                    .append("\"\r\n")
                    .append("Content-Type: application/octet-stream\r\n\r\n")
                    .append(part[1])
                    .append("\r\n");
        }
        for (int i = 0; i < fields.length; i += 2) {
            body.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Disposition: form-data; name=\"")
                    .append(fields[i])
                    .append("\"\r\n\r\n")
                    .append(fields[i + 1])
                    .append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** An API token of a contributor: what a training script would use. */
    private String token() {
        if (accounts.find("uploader").isEmpty()) {
            accounts.create("uploader", "Uploader", "a long enough password", Role.CONTRIBUTOR);
        }
        return accounts.createToken("uploader", "test");
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csvLog(int rows) {
        StringBuilder csv = new StringBuilder("step,train_loss,val_accuracy\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i)
                    .append(',')
                    .append(Math.exp(-i / 500.0))
                    .append(',')
                    .append(i % 10 == 0 ? String.valueOf(Math.min(1.0, i / 3000.0)) : "")
                    .append('\n');
        }
        return csv.toString();
    }

    @Test
    void anUploadedLogIsServedWholeAndDownsampled() throws Exception {
        HttpResponse<String> created = upload(
                List.<String[]>of(new String[] {"run-a/metrics.csv", csvLog(5000)}),
                "experiment",
                "upload test",
                "mapping",
                "train_loss=train-loss");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode report = JSON.readTree(created.body());
        assertThat(report.get("outcome").asString()).isEqualTo("IMPORTED");
        assertThat(report.get("points").asLong()).isEqualTo(5500);
        String loss = null;
        for (JsonNode s : report.get("series")) {
            if (s.asString().endsWith("--train_loss")) {
                loss = s.asString();
            }
        }
        assertThat(loss).isNotNull();
        String id = loss.substring(loss.lastIndexOf('/') + 1);

        // An upload through an API token waits for review: neither its entity nor its points are served
        // to readers of accepted knowledge until a curator accepts it.
        assertThat(get(loss.replace("http://localhost:8080", ""), "text/turtle").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/series/" + id, "application/json").statusCode()).isEqualTo(404);
        store.accept(report.get("contribution").asString(), AgentRef.CURATORS, "checked");

        HttpResponse<String> whole = get("/api/series/" + id, "application/json");
        JsonNode points = JSON.readTree(whole.body());
        assertThat(points.get("points").asInt()).isEqualTo(5000);
        assertThat(points.get("step").size()).isEqualTo(5000);

        JsonNode plot = JSON.readTree(
                get("/api/series/" + id + "?maxPoints=200", "application/json").body());
        assertThat(plot.get("points").asInt()).isBetween(50, 200);
        assertThat(plot.get("step").get(0).asLong()).isZero();
        assertThat(plot.get("step").get(plot.get("points").asInt() - 1).asLong())
                .isEqualTo(4999);

        HttpResponse<String> csv = get("/api/series/" + id + "?format=csv", "*/*");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = new ArrayList<>(csv.body().lines().toList());
        assertThat(lines.get(0)).isEqualTo("step,value,wall_time");
        assertThat(lines).hasSize(5001);

        HttpResponse<String> again = upload(
                List.<String[]>of(new String[] {"run-a/metrics.csv", csvLog(5000)}),
                "experiment",
                "upload test",
                "mapping",
                "train_loss=train-loss");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("outcome").asString()).isEqualTo("UNCHANGED");

        HttpResponse<String> entity = get(loss.replace("http://localhost:8080", ""), "text/turtle");
        assertThat(entity.statusCode()).isEqualTo(200);
        assertThat(entity.body()).contains("pointCount").contains("/api/series/" + id);
    }

    @Test
    void aMalformedUploadIsRefusedWithItsLineAndBadRequestsSayWhy() throws Exception {
        HttpResponse<String> bad = upload(List.<String[]>of(new String[] {"bad.csv", "step,loss\n0,1\n1,2,3\n"}));

        assertThat(bad.statusCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(bad.body()).get("problems").get(0);
        assertThat(problem.get("file").asString()).isEqualTo("bad.csv");
        assertThat(problem.get("line").asLong()).isEqualTo(3);

        assertThat(upload(List.<String[]>of(new String[] {"../x.csv", "step,loss\n0,1\n"}))
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/api/series/nothing-here", "application/json").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/series/x?maxPoints=2", "application/json").statusCode())
                .isEqualTo(400);
    }

    @Test
    void anUploadReadsSettingsFromFolderNamesWithAPathTemplate() throws Exception {
        String log = "step,train_loss\n0,1.5\n1,1.25\n";
        HttpResponse<String> refused = upload(
                List.<String[]>of(new String[] {"pt-sweep/lr0.01_wd1/metrics.csv", log}),
                "pathTemplate",
                "lr{lr}wd{wd");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Unbalanced braces");

        HttpResponse<String> created = upload(
                List.<String[]>of(
                        new String[] {"pt-sweep/lr0.01_wd1/metrics.csv", log},
                        new String[] {"pt-sweep/lr0.03_wd0/metrics.csv", log}),
                "pathTemplate",
                "lr{lr}_wd{wd}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode report = JSON.readTree(created.body());
        var graph = store.assertions(report.get("contribution").asString());
        List<String> settings = new ArrayList<>();
        graph.find(null, org.physicsofai.atlas.ontology.Atlas.configKey.asNode(), null)
                .forEachRemaining(t -> graph.find(
                                t.getSubject(), org.physicsofai.atlas.ontology.Atlas.configValue.asNode(), null)
                        .forEachRemaining(v -> settings.add(t.getObject().getLiteralLexicalForm() + "="
                                + v.getObject().getLiteralValue() + " "
                                + v.getObject().getLiteralDatatypeURI().replaceAll(".*#", ""))));
        assertThat(settings)
                .containsExactlyInAnyOrder("lr=0.01 double", "wd=1 integer", "lr=0.03 double", "wd=0 integer");
        assertThat(graph.find(null, org.physicsofai.atlas.ontology.Atlas.varies.asNode(), null)
                        .mapWith(t -> t.getObject().getURI())
                        .toList())
                .containsExactlyInAnyOrder(
                        "https://w3id.org/physics-of-ai/id/variable/learning-rate",
                        "https://w3id.org/physics-of-ai/id/variable/weight-decay");
    }

    @Test
    void aLightningVersionFolderUploadedWithItsParentOrAloneIsOneRun() throws Exception {
        String hparams = "lr: 0.003\nwidth: 96\nnote: route test\n";
        String metrics = "epoch,step,train_loss,val_loss\n0,9,2.25,\n0,9,,2.5\n1,19,0.75,\n";
        HttpResponse<String> parent = upload(List.<String[]>of(
                new String[] {"route_logs/version_3/hparams.yaml", hparams},
                new String[] {"route_logs/version_3/metrics.csv", metrics}));
        HttpResponse<String> alone = upload(List.<String[]>of(
                new String[] {"version_3/hparams.yaml", hparams}, new String[] {"version_3/metrics.csv", metrics}));

        assertThat(parent.statusCode()).as(parent.body()).isEqualTo(201);
        assertThat(alone.statusCode()).as(alone.body()).isIn(200, 201);
        JsonNode first = JSON.readTree(parent.body()).get("runs");
        JsonNode second = JSON.readTree(alone.body()).get("runs");
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).asString()).isEqualTo(first.get(0).asString());
    }
}
