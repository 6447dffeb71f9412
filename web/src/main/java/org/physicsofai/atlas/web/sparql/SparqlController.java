package org.physicsofai.atlas.web.sparql;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.physicsofai.atlas.sparql.SparqlException;
import org.physicsofai.atlas.sparql.SparqlResult;
import org.physicsofai.atlas.sparql.SparqlService;
import org.physicsofai.atlas.web.system.Negotiation;
import org.physicsofai.atlas.web.system.NotAcceptableException;
import org.physicsofai.atlas.web.system.RdfMediaTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The SPARQL 1.1 Protocol query operation at {@code /sparql}: GET, POST form and POST
 * {@code application/sparql-query}, answered in the standard formats by {@code Accept} or {@code
 * format}. Browsers get the query page. Updates are refused.
 */
@Controller
class SparqlController {

    static final MediaType RESULTS_JSON = MediaType.parseMediaType("application/sparql-results+json");
    static final MediaType RESULTS_XML = MediaType.parseMediaType("application/sparql-results+xml");
    static final MediaType CSV = MediaType.parseMediaType("text/csv");
    static final MediaType TSV = MediaType.parseMediaType("text/tab-separated-values");
    static final String TRUNCATED_HEADER = "Atlas-Results-Truncated";

    private static final List<MediaType> RESULT_TYPES = List.of(
            RESULTS_JSON,
            RESULTS_XML,
            CSV,
            TSV,
            MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_XML,
            MediaType.TEXT_HTML);
    private static final Map<String, MediaType> RESULT_FORMATS =
            Map.of("json", RESULTS_JSON, "xml", RESULTS_XML, "csv", CSV, "tsv", TSV, "html", MediaType.TEXT_HTML);
    private static final List<MediaType> GRAPH_TYPES = List.of(
            RdfMediaTypes.TURTLE,
            RdfMediaTypes.N_TRIPLES,
            RdfMediaTypes.JSON_LD,
            RdfMediaTypes.RDF_XML,
            MediaType.APPLICATION_JSON,
            MediaType.TEXT_PLAIN,
            MediaType.TEXT_HTML);
    private static final Map<String, MediaType> GRAPH_FORMATS = Map.of(
            "turtle",
            RdfMediaTypes.TURTLE,
            "ntriples",
            RdfMediaTypes.N_TRIPLES,
            "jsonld",
            RdfMediaTypes.JSON_LD,
            "rdfxml",
            RdfMediaTypes.RDF_XML,
            "html",
            MediaType.TEXT_HTML);

    private final SparqlService sparql;
    private final SparqlExamples examples;

    SparqlController(SparqlService sparql, SparqlExamples examples) {
        this.sparql = sparql;
        this.examples = examples;
    }

    @GetMapping("/sparql")
    String get(
            @RequestParam(required = false) String query,
            @RequestParam(name = "default-graph-uri", required = false) List<String> defaultGraphs,
            @RequestParam(name = "named-graph-uri", required = false) List<String> namedGraphs,
            @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        if (request.getParameter("update") != null) {
            throw SparqlService.readOnly();
        }
        if (query == null) {
            if (Negotiation.wantsHtml(accept) || "html".equals(format)) {
                return page(model, examples.all().get(0).query(), null);
            }
            throw new SparqlException(SparqlException.Kind.SYNTAX, "Missing 'query' parameter.");
        }
        return answer(query, defaultGraphs, namedGraphs, format, accept, response, model);
    }

    @PostMapping(path = "/sparql", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String postForm(
            @RequestParam(required = false) String query,
            @RequestParam(required = false) String update,
            @RequestParam(name = "default-graph-uri", required = false) List<String> defaultGraphs,
            @RequestParam(name = "named-graph-uri", required = false) List<String> namedGraphs,
            @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response,
            Model model)
            throws IOException {
        if (update != null) {
            throw SparqlService.readOnly();
        }
        if (query == null) {
            throw new SparqlException(SparqlException.Kind.SYNTAX, "Missing 'query' parameter.");
        }
        return answer(query, defaultGraphs, namedGraphs, format, accept, response, model);
    }

    @PostMapping(path = "/sparql", consumes = "application/sparql-query")
    String postQuery(
            @RequestBody String query,
            @RequestParam(name = "default-graph-uri", required = false) List<String> defaultGraphs,
            @RequestParam(name = "named-graph-uri", required = false) List<String> namedGraphs,
            @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response,
            Model model)
            throws IOException {
        return answer(query, defaultGraphs, namedGraphs, format, accept, response, model);
    }

    @PostMapping(path = "/sparql", consumes = "application/sparql-update")
    String postUpdate() {
        throw SparqlService.readOnly();
    }

    private String answer(
            String queryString,
            List<String> defaultGraphs,
            List<String> namedGraphs,
            String format,
            String accept,
            HttpServletResponse response,
            Model model)
            throws IOException {
        boolean html = "html".equals(format) || (format == null && Negotiation.wantsHtml(accept));
        Query query;
        SparqlResult result;
        try {
            query = sparql.parse(queryString, orEmpty(defaultGraphs), orEmpty(namedGraphs));
            result = sparql.execute(query);
        } catch (SparqlException e) {
            if (!html) {
                throw e;
            }
            response.setStatus(
                    switch (e.kind()) {
                        case SYNTAX, UNSUPPORTED -> 400;
                        case FORBIDDEN -> 403;
                        case TIMEOUT, TOO_COSTLY, BUSY -> 503;
                    });
            e.retryAfter()
                    .ifPresent(wait -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds())));
            page(model, queryString, null);
            model.addAttribute("error", e.getMessage());
            return "sparql";
        }
        if (html) {
            return page(model, queryString, ResultTable.of(result, query));
        }
        boolean graph = result instanceof SparqlResult.Triples;
        MediaType type = Negotiation.choose(
                        accept, format, graph ? GRAPH_TYPES : RESULT_TYPES, graph ? GRAPH_FORMATS : RESULT_FORMATS)
                .orElseThrow(() -> new NotAcceptableException(graph ? GRAPH_TYPES : RESULT_TYPES));
        if (result.truncated()) {
            response.setHeader(TRUNCATED_HEADER, "max-rows=" + sparql.limits().maxRows());
        }
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        write(result, type, response);
        return null;
    }

    private static void write(SparqlResult result, MediaType type, HttpServletResponse response) throws IOException {
        switch (result) {
            case SparqlResult.Rows rows -> {
                Lang lang = resultLang(type);
                response.setContentType(contentType(lang));
                rows.rows().reset();
                ResultSetMgr.write(response.getOutputStream(), ResultSet.adapt(rows.rows()), lang);
            }
            case SparqlResult.Bool bool -> {
                Lang lang = resultLang(type);
                response.setContentType(contentType(lang));
                ResultSetMgr.write(response.getOutputStream(), bool.value(), lang);
            }
            case SparqlResult.Triples triples -> {
                MediaType graphType = type.equals(MediaType.APPLICATION_JSON)
                        ? RdfMediaTypes.JSON_LD
                        : type.equals(MediaType.TEXT_PLAIN) ? RdfMediaTypes.N_TRIPLES : type;
                response.setContentType(RdfMediaTypes.withCharset(graphType).toString());
                RDFDataMgr.write(response.getOutputStream(), triples.graph(), RdfMediaTypes.rdfFormat(graphType));
            }
        }
    }

    private static Lang resultLang(MediaType type) {
        if (type.isCompatibleWith(RESULTS_XML) || type.isCompatibleWith(MediaType.APPLICATION_XML)) {
            return ResultSetLang.RS_XML;
        }
        if (type.isCompatibleWith(CSV)) {
            return ResultSetLang.RS_CSV;
        }
        if (type.isCompatibleWith(TSV)) {
            return ResultSetLang.RS_TSV;
        }
        return ResultSetLang.RS_JSON;
    }

    private static String contentType(Lang lang) {
        return lang.getContentType().getContentTypeStr() + "; charset="
                + StandardCharsets.UTF_8.name().toLowerCase();
    }

    private String page(Model model, String query, ResultTable table) {
        model.addAttribute("query", query);
        model.addAttribute("examples", examples.all());
        model.addAttribute("table", table);
        model.addAttribute("maxRows", sparql.limits().maxRows());
        model.addAttribute("timeoutSeconds", sparql.limits().timeout().toSeconds());
        return "sparql";
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
