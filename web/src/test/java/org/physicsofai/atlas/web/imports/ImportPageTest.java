package org.physicsofai.atlas.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The import page over the whole application: upload the shared fixtures, preview (nothing stored),
 * change a mapping, import in the background, follow the progress, and read the report.
 */
class ImportPageTest extends AtlasWebTest {

    private static final Path FIXTURES = Path.of("../importers/src/test/resources/fixtures");
    private static final String MLFLOW_RUN = "cb0096518b0e4c66a94428555f05420b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern UPLOAD = Pattern.compile("/import/([0-9a-f]{32})$");

    @Autowired
    ImportUploads uploads;

    /** One part of a multipart form: a field (file name null) or a file. */
    record Part(String name, String fileName, byte[] content) {
        static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The MLflow fixture as the parts of a folder upload, with its run folder renamed so that this
     * test's run is its own: file parts named {@code folder} and their relative paths as {@code folderPaths}.
     */
    private static List<Part> mlflowFolder(String runId) throws IOException {
        Path root = FIXTURES.resolve("mlflow-deepcnn");
        List<Part> parts = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root.resolve("mlruns"))) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative =
                        root.relativize(file).toString().replace('\\', '/').replace(MLFLOW_RUN, runId);
                parts.add(new Part("folder", file.getFileName().toString(), Files.readAllBytes(file)));
                parts.add(Part.field("folderPaths", relative));
            }
        }
        return parts;
    }

    private static byte[] wandbZip() throws IOException {
        Path root = FIXTURES.resolve("wandb-openai-grok");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes);
                Stream<Path> walk = Files.walk(root.resolve("files"))) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry("run-20220101_000000-importpage/"
                        + root.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private HttpResponse<String> postMultipart(WebClient client, String path, List<Part> parts, boolean withCsrf) {
        List<Part> all = new ArrayList<>(parts);
        if (withCsrf) {
            Matcher m = CSRF.matcher(client.get("/import").body());
            assertThat(m.find()).as("the import page carries a CSRF token").isTrue();
            all.add(Part.field("_csrf", m.group(1)));
        }
        String boundary = "----atlas-test-boundary-7d91";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : all) {
            StringBuilder head = new StringBuilder("--" + boundary + "\r\n");
            head.append("Content-Disposition: form-data; name=\"")
                    .append(part.name())
                    .append('"');
            if (part.fileName() != null) {
                head.append("; filename=\"").append(part.fileName()).append("\"\r\n");
                head.append("Content-Type: application/octet-stream");
            }
            head.append("\r\n\r\n");
            body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Accept", WebClient.HTML)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static String uploadId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        Matcher m = UPLOAD.matcher(WebClient.location(response));
        assertThat(m.find()).as(WebClient.location(response)).isTrue();
        return m.group(1);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Posts the mapping form: one metric per entry of {@code choices} (key to choice, value). */
    private HttpResponse<String> postMapping(WebClient client, String id, String action, List<String[]> rows) {
        StringBuilder body = new StringBuilder();
        Matcher m = CSRF.matcher(client.get("/import/" + id).body());
        assertThat(m.find()).isTrue();
        body.append("_csrf=").append(q(m.group(1))).append("&action=").append(action);
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            body.append("&metric=").append(q(row[0]));
            body.append("&choice-").append(i).append('=').append(q(row[1]));
            body.append("&observable-").append(i).append('=').append(q(row[1].equals("observable") ? row[2] : ""));
            body.append("&name-").append(i).append('=').append(q(row[1].equals("new") ? row[2] : ""));
        }
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/import/" + id))
                .header("Accept", WebClient.HTML)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode waitForTheImport(WebClient client, String id) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (true) {
            HttpResponse<String> status =
                    client.send(HttpRequest.newBuilder(URI.create(client.base() + "/import/" + id + "/status"))
                            .header("Accept", "application/json")
                            .GET());
            assertThat(status.statusCode()).isEqualTo(200);
            JsonNode json = JSON.readTree(status.body());
            assertThat(json.get("percent").asInt()).isBetween(0, 100);
            if (json.get("done").asBoolean()) {
                return json;
            }
            assertThat(System.nanoTime()).as("the import ends").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The MLflow run of the folder test (the fixture's run renamed). */
    private static final String FOLDER_RUN = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";

    /**
     * The statements about this class's imports (their run, experiment and file names hold the MLflow run id or
     * "quokka"): other tests of the shared application, and the analyses that follow them in the background, may
     * add statements of their own at any time.
     */
    private long triples() {
        String csv = sparqlCsv("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER (CONTAINS(LCASE(STR(?s)), \"quokka\")"
                + " || CONTAINS(LCASE(STR(?o)), \"quokka\") || CONTAINS(STR(?s), \"" + FOLDER_RUN + "\")"
                + " || CONTAINS(STR(?o), \"" + FOLDER_RUN + "\")) }");
        return Long.parseLong(csv.lines().skip(1).findFirst().orElseThrow().strip());
    }

    private long searchHits(String text) throws Exception {
        HttpResponse<String> found = new WebClient(port)
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/search?q=" + q(text)))
                        .header("Accept", "application/json")
                        .GET());
        return JSON.readTree(found.body()).get("total").asLong();
    }

    @Test
    void aFolderIsPreviewedRemappedImportedInTheBackgroundAndReported() throws Exception {
        String runId = FOLDER_RUN;
        String experiment = "Qzxvquokka sweep";
        WebClient client = signedIn("import-page-curator", Role.CURATOR);
        assertThat(client.get("/import").body())
                .contains("id=\"import-form\"")
                .contains("webkitdirectory")
                .contains("enctype=\"multipart/form-data\"")
                .contains("/js/import.js")
                .doesNotContainPattern("<script(?![^>]*src=)[^>]*>");
        long before = triples();
        String series = "/api/series/mlflow-" + runId + "--loss";

        List<Part> parts = new ArrayList<>(mlflowFolder(runId));
        parts.add(Part.field("format", "auto"));
        parts.add(Part.field("experimentName", experiment));
        String id = uploadId(postMultipart(client, "/import", parts, true));

        // The preview is a dry run: the store, the series store and the index are as they were.
        String preview = client.get("/import/" + id).body();
        assertThat(preview)
                .contains("id=\"import-runs\"")
                .contains("data-run=\"http://localhost:8080/id/run/mlflow-" + runId + "\"");
        assertThat(preview).contains(experiment);
        assertThat(preview).contains("data-metric=\"loss\" data-how=\"synonym\"");
        assertThat(preview).contains("data-observable=\"https://w3id.org/physics-of-ai/id/observable/train-loss\"");
        assertThat(preview).contains("data-metric=\"accuracy\" data-how=\"synonym\"");
        assertThat(preview).contains("UNITLESS").doesNotContain("id=\"import-problems\"");
        assertThat(preview).contains("id=\"import-commit\"").contains("id=\"mapping-0\"");
        assertThat(triples()).isEqualTo(before);
        assertThat(client.get(series).statusCode()).isEqualTo(404);
        assertThat(searchHits("qzxvquokka")).isZero();
        ImportUploads.Upload upload = uploads.find(id, "import-page-curator").orElseThrow();
        assertThat(uploads.filesKept(upload))
                .as("kept between preview and import")
                .isTrue();
        assertThat(uploads.find(id, "someone-else")).isEmpty();

        // Change the mappings: accuracy becomes a new observable, loss the test loss; preview again.
        List<String[]> rows = List.of(
                new String[] {"accuracy", "new", "quokka top-1 accuracy"},
                new String[] {"loss", "observable", "https://w3id.org/physics-of-ai/id/observable/test-loss"});
        HttpResponse<String> again = postMapping(client, id, "preview", rows);
        assertThat(WebClient.location(again)).isEqualTo("/import/" + id);
        String remapped = client.get("/import/" + id).body();
        assertThat(remapped).contains("data-metric=\"accuracy\" data-how=\"chosen\"");
        assertThat(remapped).contains("new observable “quokka top-1 accuracy”");
        assertThat(remapped)
                .contains(
                        "data-metric=\"loss\" data-how=\"chosen\" data-observable=\"https://w3id.org/physics-of-ai/id/observable/test-loss\"");
        assertThat(triples()).isEqualTo(before);

        // A mapping to something that is not an observable is refused, naming the metric.
        HttpResponse<String> wrong = postMapping(
                client, id, "import", List.of(new String[] {"accuracy", "new", "quokka top-1 accuracy"}, new String[] {
                    "loss", "observable", "https://w3id.org/physics-of-ai/id/phenomenon/grokking"
                }));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("id=\"mapping-error-1\"").contains("&#39;loss&#39;");
        assertThat(client.get(series).statusCode()).isEqualTo(404);

        HttpResponse<String> commit = postMapping(client, id, "import", rows);
        assertThat(WebClient.location(commit)).isEqualTo("/import/" + id + "/progress");
        JsonNode status = waitForTheImport(client, id);
        assertThat(status.get("state").asString()).isEqualTo("done");
        assertThat(status.get("percent").asInt()).isEqualTo(100);
        assertThat(status.get("report").asString()).isEqualTo("/import/" + id + "/report");
        assertThat(WebClient.location(client.get("/import/" + id + "/progress")))
                .isEqualTo("/import/" + id + "/report");

        String report = client.get("/import/" + id + "/report").body();
        assertThat(report).contains("data-outcome=\"IMPORTED\"").contains("id=\"import-contribution\"");
        String run = "http://localhost:8080/id/run/mlflow-" + runId;
        assertThat(report).contains("href=\"/run?iri=" + run + "\"");
        assertThat(report).contains("/id/run/mlflow-" + runId);
        assertThat(report).contains("id=\"import-experiments\"").contains(experiment);
        assertThat(report).contains("/experiment?iri=");
        assertThat(report).contains("id=\"import-proposed\"");
        assertThat(uploads.filesKept(upload))
                .as("the upload is removed after its import")
                .isFalse();

        // The runs are there with the overridden mapping, and their pages show them.
        assertThat(client.get(series).statusCode()).isEqualTo(200);
        String observables = sparqlCsv("""
                PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                SELECT ?key ?o WHERE { ?s atlas:run <%s> ; atlas:metricKey ?key ; atlas:observable ?o } ORDER BY ?key""".formatted(run));
        assertThat(observables.lines().skip(1).toList())
                .containsExactly(
                        "accuracy,http://localhost:8080/id/observable/quokka-top-1-accuracy-"
                                + observables
                                        .lines()
                                        .skip(1)
                                        .findFirst()
                                        .orElseThrow()
                                        .replaceAll(".*-accuracy-", ""),
                        "loss,https://w3id.org/physics-of-ai/id/observable/test-loss");
        assertThat(sparqlCsv("""
                PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                SELECT ?l WHERE { ?o skos:prefLabel ?l FILTER (STR(?l) = "quokka top-1 accuracy") }""")).contains("quokka top-1 accuracy");
        assertThat(triples()).isGreaterThan(before);
        assertThat(searchHits("qzxvquokka")).isPositive();
        assertThat(client.get("/run?iri=" + q(run)).body()).contains(experiment).contains("data-label=\"loss\"");

        // The same files again with the same mapping: the import changes nothing. (The preview cannot say
        // so beforehand: it maps the metrics by default, and the first import changed the mapping.)
        long after = triples();
        String second = uploadId(postMultipart(client, "/import", parts, true));
        assertThat(client.get("/import/" + second).body()).contains("id=\"import-runs\"");
        postMapping(client, second, "import", rows);
        waitForTheImport(client, second);
        assertThat(client.get("/import/" + second + "/report").body())
                .contains("data-outcome=\"UNCHANGED\"")
                .contains("These files were imported before: nothing changed.");
        assertThat(triples()).isEqualTo(after);
        assertThat(client.get("/import/" + second + "/report?lang=zh").body()).contains("没有任何改变");
    }

    @Test
    void aZipOfTheWandbFixtureImportsItsFinalValuesIntoAnExistingExperiment() throws Exception {
        WebClient client = signedIn("import-page-curator", Role.CURATOR);
        String experiment = "https://w3id.org/physics-of-ai/id/experiment/grokking-modular-arithmetic";
        List<Part> parts = List.of(
                new Part("files", "grok-run.zip", wandbZip()),
                Part.field("format", "wandb"),
                Part.field("experimentIri", experiment));
        HttpResponse<String> uploaded = postMultipart(client, "/import", parts, true);
        if (uploaded.statusCode() == 400) {
            // The seed names its experiments otherwise: any experiment of the Atlas will do.
            assertThat(uploaded.body()).contains("id=\"import-error\"");
            String any =
                    sparqlCsv("""
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    SELECT ?e WHERE { ?e a atlas:Experiment FILTER (STRSTARTS(STR(?e), "https://w3id.org/")) } ORDER BY ?e LIMIT 1""").lines().skip(1).findFirst().orElseThrow().strip();
            experiment = any;
            uploaded = postMultipart(
                    client,
                    "/import",
                    List.of(parts.get(0), parts.get(1), Part.field("experimentIri", experiment)),
                    true);
        }
        String id = uploadId(uploaded);
        String preview = client.get("/import/" + id).body();
        assertThat(preview).contains("(wandb)").contains("class=\"import-run\"");
        assertThat(preview).contains("(already in the Atlas)");
        postMapping(client, id, "import", List.of());
        assertThat(waitForTheImport(client, id).get("state").asString()).isEqualTo("done");
        String report = client.get("/import/" + id + "/report").body();
        assertThat(report).contains("data-outcome=\"IMPORTED\"").contains("data-experiment=\"" + experiment + "\"");

        // The same zip again, mapped by default as before: the preview says it was imported already.
        String again = uploadId(postMultipart(
                client, "/import", List.of(parts.get(0), parts.get(1), Part.field("experimentIri", experiment)), true));
        assertThat(client.get("/import/" + again).body()).contains("id=\"import-before\"");
    }

    @Test
    void aMalformedFileIsNamedWithItsLineAndNothingChanges() throws Exception {
        WebClient client = signedIn("import-page-contributor", Role.CONTRIBUTOR);
        long before = triples();
        List<Part> parts = List.of(
                new Part("files", "quokka-bad.csv", "step,loss\n0,1.0\n1,oops\n".getBytes(StandardCharsets.UTF_8)));
        String id = uploadId(postMultipart(client, "/import", parts, true));
        String preview = client.get("/import/" + id).body();
        assertThat(preview).contains("id=\"import-problems\"").contains("quokka-bad.csv:3:");
        assertThat(preview).as("nothing to import").doesNotContain("id=\"import-commit\"");
        ImportUploads.Upload upload =
                uploads.find(id, "import-page-contributor").orElseThrow();
        assertThat(uploads.filesKept(upload))
                .as("files with problems are not kept")
                .isFalse();
        HttpResponse<String> commit = postMapping(client, id, "import", List.<String[]>of(new String[] {
            "loss", "observable", "https://w3id.org/physics-of-ai/id/observable/train-loss"
        }));
        assertThat(commit.statusCode()).isEqualTo(404);
        assertThat(upload.state()).isEqualTo(ImportUploads.State.PREVIEW);
        assertThat(triples()).isEqualTo(before);

        HttpResponse<String> nothing = postMultipart(client, "/import", List.of(Part.field("format", "auto")), true);
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body()).contains("id=\"import-error\"").contains("Choose files");
        HttpResponse<String> escaping = postMultipart(
                client, "/import", List.of(new Part("files", "../escape.csv", "step,x\n0,1\n".getBytes())), true);
        assertThat(escaping.statusCode()).isEqualTo(400);
        assertThat(escaping.body()).contains("../escape.csv");
    }

    @Test
    void anonymousVisitorsAndFormsWithoutCsrfAreRefused() throws Exception {
        WebClient anonymous = new WebClient(port);
        HttpResponse<String> page = anonymous.get("/import");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(page)).isEqualTo("/login");
        HttpResponse<String> status = anonymous.send(
                HttpRequest.newBuilder(URI.create(anonymous.base() + "/import/0123456789abcdef0123456789abcdef/status"))
                        .header("Accept", "application/json")
                        .GET());
        assertThat(status.statusCode()).isEqualTo(401);
        List<Part> parts = mlflowFolder("9f8e7d6c5b4a39281706f5e4d3c2b1a0");
        assertThat(postMultipart(anonymous, "/import", parts, false).statusCode())
                .isEqualTo(403);

        WebClient signedIn = signedIn("import-page-contributor", Role.CONTRIBUTOR);
        assertThat(postMultipart(signedIn, "/import", parts, false).statusCode())
                .isEqualTo(403);
        assertThat(signedIn.get("/api/series/mlflow-9f8e7d6c5b4a39281706f5e4d3c2b1a0--loss")
                        .statusCode())
                .isEqualTo(404);
        assertThat(signedIn.get("/import/0123456789abcdef0123456789abcdef").statusCode())
                .isEqualTo(404);
    }

    /** A training log as a CSV logger writes it: train accuracy reaches 1 early, validation accuracy later. */
    private static byte[] gridLog(int width, double dropout) {
        StringBuilder csv = new StringBuilder("step,train_accuracy,val_accuracy\n");
        for (int step = 0; step <= 2000; step += 100) {
            double train = Math.min(1.0, step / 200.0);
            double val = Math.min(1.0, Math.max(0.0, (step - 200 - 1000 * dropout) / (width * 5.0)));
            csv.append(step).append(',').append(train).append(',').append(val).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aGridNamedInFolderNamesBecomesAnExperimentWithAPhaseDiagram() throws Exception {
        WebClient client = signedIn("import-page-curator", Role.CURATOR);
        String experiment = "Zqvgrid folder-name sweep";
        List<Part> parts = new ArrayList<>();
        int index = 0;
        for (int width : new int[] {32, 64, 128}) {
            for (String dropout : new String[] {"0.0", "0.1", "0.2"}) {
                String folder = "Exp_" + index++ + "_adam_" + width + "_" + dropout;
                parts.add(new Part("folder", "metrics.csv", gridLog(width, Double.parseDouble(dropout))));
                parts.add(Part.field("folderPaths", "zqvgrid/" + folder + "/metrics.csv"));
                // Lightning's CSVLogger writes hparams.yaml beside metrics.csv; a None is written as null.
                parts.add(new Part(
                        "folder", "hparams.yaml", "lr: 0.001\nscheduler: null\n".getBytes(StandardCharsets.UTF_8)));
                parts.add(Part.field("folderPaths", "zqvgrid/" + folder + "/hparams.yaml"));
            }
        }
        parts.add(Part.field("format", "auto"));
        parts.add(Part.field("experimentName", experiment));
        parts.add(Part.field("pathTemplate", "Exp_{index}_{optimizer}_{width}_{dropout}"));
        String id = uploadId(postMultipart(client, "/import", parts, true));

        // The preview shows what each folder name gave, typed.
        String preview = client.get("/import/" + id).body();
        assertThat(preview).contains("Exp_{index}_{optimizer}_{width}_{dropout}");
        assertThat(preview).contains("data-field=\"width\"").contains("data-field=\"dropout\"");
        assertThat(preview).containsPattern("<code>width</code> = <span>128</span>");
        assertThat(preview).containsPattern("<code>dropout</code> = <span>0.2</span>");
        assertThat(preview).doesNotContain("id=\"import-problems\"");
        assertThat(client.get("/import/" + id + "?lang=zh").body()).contains("来自文件夹名称");

        postMapping(client, id, "import", List.of());
        assertThat(waitForTheImport(client, id).get("state").asString()).isEqualTo("done");

        String found = sparqlCsv("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
                + " SELECT ?e WHERE { ?e skos:prefLabel \"" + experiment + "\"@en }");
        String iri = found.lines().skip(1).findFirst().orElseThrow().strip();
        String varies = sparqlCsv("PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>" + " SELECT ?v WHERE { <" + iri
                + "> atlas:varies ?v } ORDER BY ?v");
        assertThat(varies.lines().skip(1).map(String::strip).toList())
                .containsExactly(
                        "http://localhost:8080/id/variable/dropout",
                        "https://w3id.org/physics-of-ai/id/variable/model-width");

        HttpResponse<String> diagram = client.get("/phase-diagram?iri=" + q(iri));
        assertThat(diagram.statusCode()).as(diagram.body()).isEqualTo(200);
        Matcher cell = Pattern.compile("class=\"cell\"\\s+data-x=\"([^\"]*)\"\\s+data-y=\"([^\"]*)\"")
                .matcher(diagram.body());
        List<String> cells = new ArrayList<>();
        while (cell.find()) {
            double x = Double.parseDouble(cell.group(1));
            double y = Double.parseDouble(cell.group(2));
            cells.add(x > y ? (long) x + "/" + y : (long) y + "/" + x);
        }
        assertThat(cells)
                .containsExactlyInAnyOrder(
                        "32/0.0", "32/0.1", "32/0.2", "64/0.0", "64/0.1", "64/0.2", "128/0.0", "128/0.1", "128/0.2");

        // A hyperparameter recorded as None is shown on the run's page as a setting without a value.
        Matcher href = Pattern.compile("<a href=\"(/run\\?iri=[^\"]*)\"\\s+class=\"cell\"")
                .matcher(diagram.body());
        assertThat(href.find()).isTrue();
        String runPage = client.get(href.group(1).replace("&amp;", "&")).body();
        assertThat(runPage)
                .containsPattern("data-key=\"scheduler\"\\s+data-type=\"unset\"")
                .containsPattern("data-key=\"width\"\\s+data-type=\"integer\"");
    }
}
