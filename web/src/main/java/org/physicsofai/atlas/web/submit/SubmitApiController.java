package org.physicsofai.atlas.web.submit;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.Context;
import org.physicsofai.atlas.contribution.ValidationException;
import org.physicsofai.atlas.contribution.Violation;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.entity.EntityLinks;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Submitting over REST, for scripts and training loops (session or {@code Authorization: Bearer}).
 * The JSON of {@code /api/observations}, {@code /api/claims}, ... uses the properties' local names as
 * keys, and the same shapes check it as the forms.
 */
@RestController
@Tag(name = "Submitting", description = "Contributions from scripts; they arrive pending unless a curator signs in")
class SubmitApiController {

    private static final Map<String, String> PLURALS = Map.of(
            "observations", "observation",
            "claims", "claim",
            "laws", "law",
            "experiments", "experiment",
            "phenomena", "phenomenon",
            "observables", "observable",
            "sources", "source",
            "insights", "insight");

    private final ShapeForms forms;
    private final SubmissionService submissions;
    private final EntityLinks links;
    private final AtlasProperties properties;

    SubmitApiController(
            ShapeForms forms, SubmissionService submissions, EntityLinks links, AtlasProperties properties) {
        this.forms = forms;
        this.submissions = submissions;
        this.links = links;
        this.properties = properties;
    }

    /** A node of one kind from JSON, such as {"run": "/id/run/...", "observable": "...", "value": 0.97, "step": 8400}. */
    @Operation(summary = "Submit an observation, claim, law, experiment, phenomenon, observable or source as JSON")
    @PostMapping(
            path = "/api/{kind:observations|claims|laws|experiments|phenomena|observables|sources}",
            consumes = "application/json")
    ResponseEntity<ContributionRecord> submitJson(
            @PathVariable String kind, @RequestBody Map<String, Object> body, Authentication authentication) {
        FormDefinition form = forms.form(PLURALS.get(kind)).orElseThrow();
        Map<String, String> values = new LinkedHashMap<>();
        body.forEach((key, value) -> values.putAll(formValues(form, key, value)));
        FormReader.Reading reading = submissions.read(form, values);
        if (!reading.problems().isEmpty()) {
            List<Violation> problems = reading.problems().entrySet().stream()
                    .map(e -> new Violation(
                            reading.node().getURI(),
                            e.getKey(),
                            values.get(e.getKey()),
                            String.join(", ", e.getValue()),
                            null,
                            null))
                    .toList();
            throw new ValidationException("The " + PLURALS.get(kind), problems);
        }
        return created(submissions.submit(
                authentication.getName(),
                "The " + PLURALS.get(kind),
                reading.graph(),
                "atlas REST API",
                viaToken(authentication)));
    }

    /** Any statements, in Turtle, N-Triples or JSON-LD, as one contribution. */
    @Operation(summary = "Submit statements in Turtle, N-Triples or JSON-LD as one contribution")
    @PostMapping(
            path = "/api/contributions",
            consumes = {"text/turtle", "application/n-triples", "application/ld+json"})
    ResponseEntity<ContributionRecord> submitRdf(
            @RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            Authentication authentication) {
        Lang lang = RDFLanguages.contentTypeToLang(contentType.split(";")[0].strip());
        Graph graph = GraphFactory.createDefaultGraph();
        try {
            RDFParser.source(new ByteArrayInputStream(body))
                    .lang(lang)
                    .base(properties.baseIri())
                    .context(NO_REMOTE_DOCUMENTS)
                    .parse(graph);
        } catch (RiotException e) {
            throw new IllegalArgumentException(
                    "The request body is not valid " + lang.getLabel() + ": " + e.getMessage());
        }
        if (graph.isEmpty()) {
            throw new IllegalArgumentException("The request body holds no statements.");
        }
        return created(submissions.submit(
                authentication.getName(), "The request body", graph, "atlas REST API", viaToken(authentication)));
    }

    /**
     * JSON-LD may name remote contexts; fetching them would let any client make the server request any
     * URL (and wait on it). Contexts must be given inline.
     */
    private static final Context NO_REMOTE_DOCUMENTS = Context.create()
            .set(LangJSONLD11.JSONLD_OPTIONS, new JsonLdOptions((url, options) -> {
                throw new JsonLdError(
                        JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                        "remote context " + url + " not loaded: give the @context inline");
            }));

    private ResponseEntity<ContributionRecord> created(ContributionRecord record) {
        return ResponseEntity.created(URI.create(links.href(record.iri()))).body(record);
    }

    /** Maps one JSON member to the form's parameters: local name to field, strings and numbers to text. */
    private static Map<String, String> formValues(FormDefinition form, String key, Object value) {
        Field field = form.fields().stream()
                .filter(f -> f.path().replaceAll(".*[#/]", "").equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown member '" + key + "'; known: "
                        + form.fields().stream()
                                .map(f -> f.path().replaceAll(".*[#/]", ""))
                                .toList()));
        String text = value instanceof List<?> list
                ? String.join("\n", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        if (field.kind() == Field.Kind.TEXT_EN_ZH) {
            return Map.of(field.name() + "@en", text);
        }
        if (field.kind() == Field.Kind.CHOICE && !text.contains(":")) {
            text = "https://w3id.org/physics-of-ai/atlas#" + text;
        }
        return Map.of(field.name(), text);
    }

    private static boolean viaToken(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("SCOPE_submit"));
    }
}
