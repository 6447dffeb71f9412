package org.physicsofai.atlas.web.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.sweep.SweepRunner;
import org.physicsofai.atlas.sweep.SweepSpec;
import org.physicsofai.atlas.sweep.SweepSpecParser;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;

/** A small sweep run into the shared application's stores, then read on /sweeps (both languages) and /api/sweeps. */
class SweepsWebTest extends AtlasWebTest {

    @Autowired
    KnowledgeStore store;

    @Autowired
    ContributionService contributions;

    @Autowired
    Importer importer;

    @Autowired
    AtlasProperties properties;

    @Test
    void theSweepsPageShowsCellsPhasesTheLockAndTheScore() throws Exception {
        String id = "web-sweep-" + Long.toString(System.nanoTime() % 1_000_000);
        String yaml = """
                id: %s
                title: Web page sweep %s
                phenomenon: grokking
                variables:
                  - {name: lr, variable: decoder-learning-rate, values: [0.001, 0.01]}
                  - {name: weight_decay, variable: weight-decay, values: [0]}
                command: python3 train.py --lr {lr} --wd {weight_decay} --seed {seed} --steps {steps} --out {out}
                output: {file: "{cell}.csv", format: csv}
                budget: {steps: 200, wall-time: 3m}
                parallelism: 2
                prediction:
                  author: Web test
                  statement: Without weight decay the decoder memorises at both learning rates.
                  phases: [{weight_decay: 0, phase: memorization}]
                """.formatted(id, id);
        SweepSpec spec = SweepSpecParser.parse(
                yaml,
                id + ".yaml",
                Path.of("../seed-data/tools/modular-addition").toAbsolutePath());
        SweepRunner runner = new SweepRunner(
                properties.dataDir().resolve("sweeps"),
                store,
                contributions,
                importer,
                properties.baseIri(),
                new AgentRef(properties.baseIri() + "agent/command-line", "command line"));
        SweepRunner.Outcome outcome = runner.run(spec, new PrintStream(new ByteArrayOutputStream()));
        assertThat(outcome.complete()).isTrue();

        WebClient client = new WebClient(port);
        String en = client.get("/sweeps?lang=en").body();
        int at = en.indexOf("Web page sweep " + id);
        assertThat(at).isPositive();
        String article = en.substring(en.lastIndexOf("<article", at), en.indexOf("</article>", at));
        assertThat(article)
                .contains("Preregistered: locked by Web test")
                .contains("Without weight decay the decoder memorises")
                .contains("/phase-diagram?iri=")
                .contains("Cell lr=0.001, weight_decay=0, seed=0")
                .contains("Cell lr=0.01, weight_decay=0, seed=0")
                .contains("Agreement of the prediction with the detected phases: "
                        + Math.round(outcome.score().agreement() * 100) + "%")
                .contains(outcome.score().supports() ? "supports the prediction" : "disputes the prediction");
        // Two rows, each with a run link, a detected phase named by its label, and the expected phase.
        assertThat(article.split("<tr data-cell=", -1)).hasSize(3);
        assertThat(article.split("data-agrees=\"", -1)).hasSize(3);
        assertThat(article).contains(">memorization phase<").doesNotContain("phenomenon/memorization<");

        // The sweep's experiment fills its phase diagram: one cell per run, coloured by the detected phase.
        HttpResponse<String> diagram = client.get("/phase-diagram?iri="
                + java.net.URLEncoder.encode(properties.baseIri() + "experiment/sweep-" + id, StandardCharsets.UTF_8));
        assertThat(diagram.statusCode()).isEqualTo(200);
        List<String> phases = java.util.regex.Pattern.compile("class=\"cell\"[^>]*data-phase=\"([a-z]*)\"")
                .matcher(diagram.body())
                .results()
                .map(m -> m.group(1))
                .sorted()
                .toList();
        assertThat(phases)
                .isEqualTo(outcome.cells().values().stream()
                        .map(c -> c.phase())
                        .sorted()
                        .toList());

        String zh = client.get("/sweeps?lang=zh").body();
        assertThat(zh).contains("参数扫描 " + id).contains("预注册：由 Web test").contains("检测到的相");

        HttpResponse<String> json = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/sweeps"))
                        .header("Accept", "application/json"));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body())
                .contains("\"iri\":\"" + properties.baseIri() + "sweep/" + id + "\"")
                .contains("\"agreement\":")
                .contains("\"preregistered\":true");

        // The locked prediction cannot be edited through the write API, not even by a curator: 409, nothing stored.
        if (accounts.find("sweep-editor").isEmpty()) {
            accounts.create("sweep-editor", "Dr Editor", "a long enough password", Role.CURATOR);
        }
        String token = accounts.createToken("sweep-editor", "test");
        String prediction = properties.baseIri() + "claim/sweep-" + id + "-prediction";
        String contributions = client.get("/api/contributions?limit=500").body();
        for (String turtle : List.of(
                "<" + prediction + "> <https://w3id.org/physics-of-ai/atlas#statement> \"It groks everywhere.\"@zh .",
                "<" + properties.baseIri()
                        + "claim/my-own-prediction> a <https://w3id.org/physics-of-ai/atlas#Prediction> ;"
                        + " <https://w3id.org/physics-of-ai/atlas#statement> \"Mine.\"@en .")) {
            HttpResponse<String> edit = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/contributions"))
                    .header("Content-Type", "text/turtle")
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(turtle)));
            assertThat(edit.statusCode()).as(edit.body()).isEqualTo(409);
            assertThat(edit.body()).contains("prediction");
        }
        assertThat(client.get("/api/contributions?limit=500").body()).isEqualTo(contributions);
        assertThat(client.get("/sweeps?lang=en").body()).doesNotContain("It groks everywhere.");
    }
}
