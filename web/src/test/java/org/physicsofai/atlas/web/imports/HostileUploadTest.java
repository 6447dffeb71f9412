package org.physicsofai.atlas.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.physicsofai.atlas.importers.AtlasState;
import org.physicsofai.atlas.importers.HostileCorpus;
import org.physicsofai.atlas.search.SearchIndex;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile-file corpus, hostile archives and entity-expansion payloads sent to the HTTP API: each
 * is refused with a problem naming the file, and the store, the series store, the search index and
 * the temporary folder are left as they were.
 */
class HostileUploadTest extends AtlasWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${server.tomcat.max-part-count}")
    int maxParts;

    @TempDir
    Path directory;

    @Autowired
    KnowledgeStore store;

    @Autowired
    SeriesStore series;

    @Autowired
    SearchIndex index;

    static Stream<HostileCorpus.Case> corpus() {
        return HostileCorpus.all().stream();
    }

    /** The data directory's folders for imports' temporary files (multipart parts, API uploads, unpacked zips). */
    private static final Path[] OUR_TEMPORARY = {DATA.resolve("imports/tmp"), DATA.resolve("imports/tmp/multipart")};

    private record State(AtlasState stores, long indexed) {}

    private State state() {
        return new State(AtlasState.of(store, series), index.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aMalformedUploadIsRefusedWithItsFileNamedAndChangesNothing(HostileCorpus.Case hostile) throws Exception {
        Path input = hostile.writer().write(Files.createTempDirectory(directory, "case"));
        State before = state();
        Set<String> temporary = AtlasState.temporaryFiles(OUR_TEMPORARY);

        HttpResponse<String> response =
                upload(parts(input), "format", hostile.format().label());

        assertRefused(response, hostile.blamed(), hostile.message());
        assertThat(state()).isEqualTo(before);
        AtlasState.assertNoTemporaryFilesLeft(temporary, OUR_TEMPORARY);
    }

    @Test
    void aZipBombAZipSlipAndALinkInAZipAreRefusedThroughTheApi() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("log.csv"));
            zip.write("step,loss\n".getBytes(StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 128; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        ByteArrayOutputStream slip = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(slip)) {
            zip.putNextEntry(new ZipEntry("../../escaped.csv"));
            zip.write("step,loss\n0,1\n".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        ByteArrayOutputStream link = new ByteArrayOutputStream();
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(link)) {
            var entry = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("run/metrics.csv");
            entry.setUnixMode(0120777);
            zip.putArchiveEntry(entry);
            zip.write("/etc/passwd".getBytes(StandardCharsets.US_ASCII));
            zip.closeArchiveEntry();
        }
        State before = state();
        Set<String> temporary = AtlasState.temporaryFiles(OUR_TEMPORARY);

        assertRefused(upload(List.of(new Part("bomb.zip", bomb.toByteArray()))), "bomb.zip", "times its size");
        assertRefused(upload(List.of(new Part("slip.zip", slip.toByteArray()))), "slip.zip", "outside");
        assertRefused(upload(List.of(new Part("link.zip", link.toByteArray()))), "link.zip", "link");
        assertThat(state()).isEqualTo(before);
        AtlasState.assertNoTemporaryFilesLeft(temporary, OUR_TEMPORARY);
    }

    @Test
    void tenThousandFilesImportAsAFolderOrAZipAndOneUploadPastThePartLimitIsTold() throws Exception {
        // a run's metrics beside 9,999 files of no format the importers read (a folder of notes, say)
        List<Part> folder = new ArrayList<>();
        folder.add(
                new Part("many/run.csv", "step,train_loss\n0,2.5\n10,1.5\n20,1.0\n".getBytes(StandardCharsets.UTF_8)));
        for (int i = 1; i < 10_000; i++) {
            folder.add(new Part("many/notes/note-" + i + ".txt", ("note " + i).getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            for (Part part : folder) {
                zip.putNextEntry(new ZipEntry("zipped-" + part.name()));
                zip.write(part.bytes());
                zip.closeEntry();
            }
        }

        for (HttpResponse<String> response :
                List.of(upload(folder), upload(List.of(new Part("many.zip", zipped.toByteArray()))))) {
            assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
            JsonNode report = JSON.readTree(response.body());
            assertThat(report.get("problems")).isEmpty();
            assertThat(report.get("runs")).hasSize(1);
        }

        // one file more than a request may carry: 413 naming the limit and what to do instead
        List<Part> tooMany = new ArrayList<>(folder);
        while (tooMany.size() <= maxParts) {
            tooMany.add(new Part("many/more/extra-" + tooMany.size() + ".txt", new byte[] {'x'}));
        }
        State before = state();
        HttpResponse<String> refused = upload(tooMany);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(refused.body()).contains(String.valueOf(maxParts)).contains("zip");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aPartNamedOutsideTheUploadIsRefused() throws Exception {
        State before = state();
        for (String name : List.of("../escaped.csv", "/tmp/escaped.csv", "a/../../escaped.csv", "C:\\escaped.csv")) {
            HttpResponse<String> response =
                    upload(List.of(new Part(name, "step,loss\n0,1\n".getBytes(StandardCharsets.US_ASCII))));

            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(response.body()).as(name).contains("not a relative path inside the upload");
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void entityExpansionAndExternalEntitiesInRdfAreRefusedAndNothingIsFetched() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canary.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "{\"@context\": {\"name\": \"http://schema.org/name\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/ld+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        canary.start();
        try {
            String base = "http://127.0.0.1:" + canary.getAddress().getPort();
            String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY a \"lol\">\n"
                    + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
                    + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
                    + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
                    + "<!ENTITY x SYSTEM \"" + base + "/entity\">\n]>\n"
                    + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                    + " xmlns:s=\"http://schema.org/\"><rdf:Description rdf:about=\"http://example.org/x\">"
                    + "<s:name>&g;&x;</s:name></rdf:Description></rdf:RDF>";
            String jsonld = "{\"@context\": \"" + base + "/context.jsonld\", \"@id\": \"http://example.org/x\","
                    + " \"name\": \"remote context\"}";
            String turtleWithDoctype =
                    "<!DOCTYPE x [<!ENTITY a \"lol\">]>\n<http://example.org/x> <http://schema.org/name> \"&a;\" .";
            State before = state();

            HttpResponse<String> xml = submitRdf("application/rdf+xml", laughs);
            HttpResponse<String> trix = submitRdf("application/trix+xml", laughs);
            HttpResponse<String> context = submitRdf("application/ld+json", jsonld);
            HttpResponse<String> turtle = submitRdf("text/turtle", turtleWithDoctype);
            HttpResponse<String> sparqlXml = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sparql"))
                            .header("Content-Type", "application/rdf+xml")
                            .POST(HttpRequest.BodyPublishers.ofString(laughs))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(xml.statusCode()).isEqualTo(415);
            assertThat(trix.statusCode()).isEqualTo(415);
            assertThat(sparqlXml.statusCode()).isEqualTo(415);
            assertThat(context.statusCode()).as(context.body()).isEqualTo(400);
            assertThat(context.body()).containsIgnoringCase("context");
            assertThat(turtle.statusCode()).isEqualTo(400);
            assertThat(turtle.body()).contains("not valid Turtle");
            assertThat(fetched).hasValue(0);
            assertThat(state()).isEqualTo(before);
        } finally {
            canary.stop(0);
        }
    }

    private HttpResponse<String> submitRdf(String contentType, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contributions"))
                        .header("Content-Type", contentType)
                        .header("Authorization", "Bearer " + token())
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, String blamed, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("outcome").asString()).isEqualTo("FAILED");
        List<String> problems = new ArrayList<>();
        report.get("problems")
                .forEach(p -> problems.add(p.get("file").asString() + "\n"
                        + p.get("message").asString().toLowerCase(Locale.ROOT)));
        assertThat(problems)
                .as("a problem naming %s and saying '%s'", blamed, message)
                .anySatisfy(p -> {
                    String[] fileAndMessage = p.split("\n", 2);
                    assertThat(fileAndMessage[0]).contains(blamed);
                    assertThat(fileAndMessage[1]).contains(message);
                });
    }

    private record Part(String name, byte[] bytes) {}

    /** A file as one part; a folder as one part per file, named by its path from the folder's parent. */
    private static List<Part> parts(Path input) throws IOException {
        List<Part> parts = new ArrayList<>();
        if (Files.isRegularFile(input)) {
            parts.add(new Part(input.getFileName().toString(), Files.readAllBytes(input)));
            return parts;
        }
        try (Stream<Path> walk = Files.walk(input)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = input.getParent().relativize(file).toString().replace('\\', '/');
                parts.add(new Part(name, Files.readAllBytes(file)));
            }
        }
        return parts;
    }

    private HttpResponse<String> upload(List<Part> parts, String... fields) throws Exception {
        String boundary = "atlas" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                            + part.name() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < fields.length; i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                            + fields[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", "Bearer " + token())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads per account: imports count towards the hourly submission limit, which the corpus would pass. */
    private static final int UPLOADS_PER_ACCOUNT = 100;

    private static final AtomicInteger UPLOADS = new AtomicInteger();

    private String token() {
        String username = "hostile-uploader-" + UPLOADS.getAndIncrement() / UPLOADS_PER_ACCOUNT;
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, "Hostile uploader", PASSWORD, Role.CONTRIBUTOR);
        }
        return accounts.createToken(username, "hostile " + UUID.randomUUID());
    }
}
