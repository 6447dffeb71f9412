package org.physicsofai.atlas.web.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;

/** Administrators launch registered sweep templates from /sweeps; nobody else can, and nothing else can be launched. */
class SweepLaunchWebTest extends AtlasWebTest {

    @Autowired
    AtlasProperties properties;

    @Test
    void onlyAnAdministratorRunsOnlyARegisteredTemplate() throws Exception {
        String id = "launch-" + Long.toString(System.nanoTime() % 1_000_000);
        Path templates = properties.dataDir().resolve("sweeps/templates");
        Files.createDirectories(templates);
        Files.writeString(
                templates.resolve(id + ".yaml"),
                """
                id: %s
                title: Launched sweep %s
                variables:
                  - {name: lr, variable: decoder-learning-rate, values: [0.001]}
                  - {name: weight_decay, variable: weight-decay, values: [0]}
                command: python3 train.py --lr {lr} --wd {weight_decay} --seed {seed} --steps {steps} --out {out}
                directory: %s
                output: {file: "{cell}.csv", format: csv}
                budget: {steps: 200, wall-time: 3m}
                """.formatted(
                        id, id, Path.of("../seed-data/tools/modular-addition").toAbsolutePath()),
                StandardCharsets.UTF_8);

        // Anonymous and contributors: refused, and nothing starts.
        WebClient anonymous = new WebClient(port);
        anonymous.get("/sweeps");
        assertThat(anonymous.post("/admin/sweeps/run", Map.of("template", id)).statusCode())
                .isNotIn(200, 302);
        WebClient contributor = signedIn("sweep-contributor", Role.CONTRIBUTOR);
        assertThat(contributor.get("/sweeps").body()).doesNotContain("id=\"sweep-launch\"");
        assertThat(contributor.post("/admin/sweeps/run", Map.of("template", id)).statusCode())
                .isEqualTo(403);
        assertThat(properties.dataDir().resolve("sweeps").resolve(id)).doesNotExist();

        // The administrator sees the registered templates, and only those can be named.
        WebClient admin = signedIn(ADMIN, Role.ADMIN);
        String page = admin.get("/sweeps").body();
        assertThat(page).contains("id=\"sweep-launch\"").contains("value=\"" + id + "\"");
        assertThat(admin.post("/admin/sweeps/run", Map.of("template", "../" + id))
                        .statusCode())
                .isEqualTo(404);
        admin.get("/sweeps");
        assertThat(admin.post("/admin/sweeps/run", Map.of("template", "not-registered"))
                        .statusCode())
                .isEqualTo(404);

        admin.get("/sweeps");
        HttpResponse<String> launched = admin.post("/admin/sweeps/run", Map.of("template", id));
        assertThat(launched.statusCode()).isEqualTo(302);
        long deadline = System.nanoTime() + 240_000_000_000L;
        String status = "";
        while (System.nanoTime() < deadline) {
            status = admin.get("/sweeps").body();
            if (status.contains("Sweep " + id + ": Launched sweep " + id) && status.contains("1 imported; complete")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(status).contains("1 imported; complete");
        assertThat(status).contains("Launched sweep " + id);
        assertThat(sparqlCsv("SELECT ?run WHERE { ?cell <https://w3id.org/physics-of-ai/atlas#inSweep> <"
                                + properties.baseIri() + "sweep/" + id
                                + "> ; <https://w3id.org/physics-of-ai/atlas#producedRun> ?run }")
                        .lines()
                        .count())
                .isEqualTo(2);
    }
}
