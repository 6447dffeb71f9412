package org.physicsofai.atlas.web.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The one vocabulary of answer formats of {@code /sparql}, {@code /id} and {@code /ontology}: the
 * short names SPARQLWrapper, rdflib, YASGUI and Fuseki send in {@code format}, {@code output} or
 * {@code results}, and the media types (with their common aliases) they send there or in {@code
 * Accept}. A name means the same on every endpoint; where a query form has two families of answers
 * ({@code xml}, {@code json}), it names the one that fits (results for SELECT and ASK, RDF for
 * graphs).
 */
public final class Formats {

    /** The request parameters that name a format, in the order they are read. */
    public static final List<String> PARAMETERS = List.of("format", "output", "results");

    public static final MediaType RESULTS_JSON = MediaType.parseMediaType("application/sparql-results+json");
    public static final MediaType RESULTS_XML = MediaType.parseMediaType("application/sparql-results+xml");
    public static final MediaType CSV = MediaType.parseMediaType("text/csv");
    public static final MediaType TSV = MediaType.parseMediaType("text/tab-separated-values");

    /** Answers to SELECT and ASK. */
    public static final Vocabulary RESULTS = new Vocabulary(
            List.of(RESULTS_JSON, RESULTS_XML, CSV, TSV),
            names(
                    RESULTS_JSON,
                    "json srj application/json text/javascript application/javascript",
                    RESULTS_XML,
                    "xml srx application/xml text/xml",
                    CSV,
                    "csv",
                    TSV,
                    "tsv"));

    /** Answers that are graphs: CONSTRUCT, DESCRIBE, entities and the ontology. */
    public static final Vocabulary GRAPHS = new Vocabulary(
            RdfMediaTypes.GRAPH_TYPES,
            names(
                    RdfMediaTypes.TURTLE,
                    "turtle ttl n3 text/n3 text/rdf+n3 application/x-turtle",
                    RdfMediaTypes.N_TRIPLES,
                    "ntriples nt n-triples text/plain",
                    RdfMediaTypes.JSON_LD,
                    "jsonld json-ld json application/json",
                    RdfMediaTypes.RDF_XML,
                    "rdfxml rdf+xml rdf xml application/xml text/xml"));

    private Formats() {}

    /** The values of {@code format}, {@code output} and {@code results}, repeated or not, blanks left out. */
    public static List<String> requested(HttpServletRequest request) {
        List<String> values = new ArrayList<>();
        for (String parameter : PARAMETERS) {
            String[] given = request.getParameterValues(parameter);
            if (given != null) {
                for (String value : given) {
                    if (value != null && !value.isBlank()) {
                        values.add(value.trim());
                    }
                }
            }
        }
        return values;
    }

    private static Map<String, MediaType> names(Object... typesAndNames) {
        Map<String, MediaType> names = new LinkedHashMap<>();
        for (int i = 0; i < typesAndNames.length; i += 2) {
            MediaType type = (MediaType) typesAndNames[i];
            names.put(type.getType() + "/" + type.getSubtype(), type);
            for (String name : ((String) typesAndNames[i + 1]).split(" ")) {
                names.put(name, type);
            }
        }
        return names;
    }

    /**
     * Formats an answer is offered in.
     *
     * @param types the answer's media types in order of preference (the first is the default)
     * @param names short names and media types (aliases included) for each type
     */
    public record Vocabulary(List<MediaType> types, Map<String, MediaType> names) {

        /** The same vocabulary with an HTML page, first (the default) or last. */
        public Vocabulary withHtml(boolean first) {
            List<MediaType> withPage = new ArrayList<>(types);
            withPage.add(first ? 0 : withPage.size(), MediaType.TEXT_HTML);
            Map<String, MediaType> withName = new LinkedHashMap<>(names);
            withName.put("html", MediaType.TEXT_HTML);
            withName.put("text/html", MediaType.TEXT_HTML);
            return new Vocabulary(List.copyOf(withPage), withName);
        }

        /** The type a {@code format} value names: a short name or a media type, parameters ignored. */
        public Optional<MediaType> named(String value) {
            String name = value.trim().toLowerCase(Locale.ROOT);
            MediaType type = names.get(name);
            if (type == null && name.contains("/")) {
                try {
                    MediaType parsed = MediaType.parseMediaType(name);
                    type = names.get(parsed.getType() + "/" + parsed.getSubtype());
                } catch (InvalidMediaTypeException e) {
                    return Optional.empty();
                }
            }
            return Optional.ofNullable(type);
        }

        /** The type an accepted media type stands for: itself if offered, or the type it is an alias of. */
        Optional<MediaType> aliasOf(MediaType accepted) {
            if (accepted.isWildcardType() || accepted.isWildcardSubtype()) {
                return Optional.empty();
            }
            return Optional.ofNullable(names.get(accepted.getType() + "/" + accepted.getSubtype()));
        }

        /** "json, xml, ... (application/sparql-results+json, ...)", for messages. */
        public String describe() {
            String shortNames =
                    names.keySet().stream().filter(n -> !n.contains("/")).collect(Collectors.joining(", "));
            String mediaTypes = types.stream().map(MediaType::toString).collect(Collectors.joining(", "));
            return shortNames + " (" + mediaTypes + ")";
        }
    }
}
