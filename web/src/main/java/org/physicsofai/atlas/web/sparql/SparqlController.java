package org.physicsofai.atlas.web.sparql;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.physicsofai.atlas.sparql.SparqlException;
import org.physicsofai.atlas.sparql.SparqlResult;
import org.physicsofai.atlas.sparql.SparqlService;
import org.physicsofai.atlas.web.system.CutAnswerException;
import org.physicsofai.atlas.web.system.Formats;
import org.physicsofai.atlas.web.system.Negotiation;
import org.physicsofai.atlas.web.system.PlainNumbers;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SPARQL 1.1 Protocol query operation at {@code /sparql}: GET, POST form and POST
 * {@code application/sparql-query}, answered in the standard formats by {@code Accept} or {@code
 * format}. Browsers get the query page. Updates are refused.
 */
@Controller
class SparqlController {

    static final String TRUNCATED_HEADER = "Atlas-Results-Truncated";

    /** The parameter by which a client accepts an answer cut at the row cap in a format with no room to say so. */
    static final String TRUNCATE_PARAMETER = "truncate";

    private static final Formats.Vocabulary RESULT_FORMATS = Formats.RESULTS.withHtml(false);
    private static final Formats.Vocabulary GRAPH_FORMATS = Formats.GRAPHS.withHtml(false);

    private final SparqlService sparql;
    private final SparqlExamples examples;
    private final JsonMapper json;
    private final SparqlVocabulary vocabulary;

    SparqlController(SparqlService sparql, SparqlExamples examples, JsonMapper json, SparqlVocabulary vocabulary) {
        this.sparql = sparql;
        this.examples = examples;
        this.json = json;
        this.vocabulary = vocabulary;
    }

    @GetMapping("/sparql")
    String get(
            @RequestParam(required = false) String query,
            @RequestParam(name = "default-graph-uri", required = false) List<String> defaultGraphs,
            @RequestParam(name = "named-graph-uri", required = false) List<String> namedGraphs,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        if (request.getParameter("update") != null) {
            throw SparqlService.readOnly();
        }
        if (query == null) {
            if (wantsPage(request, accept)) {
                return page(model, examples.all().get(0).query(), null);
            }
            throw new SparqlException(SparqlException.Kind.SYNTAX, "Missing 'query' parameter.");
        }
        return answer(query, defaultGraphs, namedGraphs, accept, request, response, model);
    }

    @PostMapping(path = "/sparql", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String postForm(
            @RequestParam(required = false) String query,
            @RequestParam(required = false) String update,
            @RequestParam(name = "default-graph-uri", required = false) List<String> defaultGraphs,
            @RequestParam(name = "named-graph-uri", required = false) List<String> namedGraphs,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        if (update != null) {
            throw SparqlService.readOnly();
        }
        if (query == null) {
            throw new SparqlException(SparqlException.Kind.SYNTAX, "Missing 'query' parameter.");
        }
        return answer(query, defaultGraphs, namedGraphs, accept, request, response, model);
    }

    @PostMapping(path = "/sparql", consumes = "application/sparql-query")
    String postQuery(
            @RequestBody String query,
            @RequestParam(name = "default-graph-uri", required = false) List<String> defaultGraphs,
            @RequestParam(name = "named-graph-uri", required = false) List<String> namedGraphs,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        return answer(query, defaultGraphs, namedGraphs, accept, request, response, model);
    }

    @PostMapping(path = "/sparql", consumes = "application/sparql-update")
    String postUpdate() {
        throw SparqlService.readOnly();
    }

    private String answer(
            String queryString,
            List<String> defaultGraphs,
            List<String> namedGraphs,
            String accept,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        boolean html = wantsPage(request, accept);
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
        MediaType type =
                Negotiation.negotiate(Formats.requested(request), accept, graph ? GRAPH_FORMATS : RESULT_FORMATS);
        if (type.equals(MediaType.TEXT_HTML)) {
            return page(model, queryString, ResultTable.of(result, query));
        }
        boolean saysCutInside = type.equals(Formats.RESULTS_JSON) || type.equals(Formats.RESULTS_XML);
        if (result.truncated() && !saysCutInside && !acceptsCut(request)) {
            throw new CutAnswerException(sparql.limits().maxRows(), type);
        }
        if (result.truncated()) {
            response.setHeader(TRUNCATED_HEADER, "max-rows=" + sparql.limits().maxRows());
        }
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        write(result, type, saysCutInside ? cutLink(result) : null, response);
        return null;
    }

    /** A page for browsers: {@code format=html} (or its like first), or {@code Accept} preferring HTML. */
    private static boolean wantsPage(HttpServletRequest request, String accept) {
        List<String> formats = Formats.requested(request);
        return formats.isEmpty()
                ? Negotiation.wantsHtml(accept)
                : RESULT_FORMATS
                        .named(formats.get(0))
                        .filter(MediaType.TEXT_HTML::equals)
                        .isPresent();
    }

    private static boolean acceptsCut(HttpServletRequest request) {
        String value = request.getParameter(TRUNCATE_PARAMETER);
        return value != null
                && List.of("yes", "true", "1").contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /** The link a cut JSON or XML answer carries in its head, where every results reader keeps it. */
    private String cutLink(SparqlResult result) {
        if (!result.truncated()) {
            return null;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/sparql")
                .fragment("truncated-at-" + sparql.limits().maxRows() + "-rows")
                .toUriString();
    }

    private void write(SparqlResult result, MediaType type, String cutLink, HttpServletResponse response)
            throws IOException {
        switch (result) {
            case SparqlResult.Rows rows -> {
                Lang lang = resultLang(type);
                response.setContentType(contentType(lang));
                rows.rows().reset();
                ResultSet plain = ResultSet.adapt(PlainNumbers.rows(rows.rows()));
                if (cutLink == null) {
                    ResultSetMgr.write(response.getOutputStream(), plain, lang);
                } else {
                    ByteArrayOutputStream whole = new ByteArrayOutputStream();
                    ResultSetMgr.write(whole, plain, lang);
                    response.getOutputStream().write(withLink(whole.toByteArray(), lang, cutLink));
                }
            }
            case SparqlResult.Bool bool -> {
                Lang lang = resultLang(type);
                response.setContentType(contentType(lang));
                ResultSetMgr.write(response.getOutputStream(), bool.value(), lang);
            }
            case SparqlResult.Triples triples -> {
                response.setContentType(RdfMediaTypes.withCharset(type).toString());
                RdfMediaTypes.write(response.getOutputStream(), PlainNumbers.graph(triples.graph()), type);
            }
        }
    }

    /** The results document with {@code link} in its head (SPARQL 1.1 JSON and XML results both have it). */
    private byte[] withLink(byte[] document, Lang lang, String link) {
        if (lang.equals(ResultSetLang.RS_JSON)) {
            ObjectNode root = (ObjectNode) json.readTree(document);
            ((ObjectNode) root.get("head")).putArray("link").add(link);
            return json.writeValueAsBytes(root);
        }
        String xml = new String(document, StandardCharsets.UTF_8);
        int head = xml.indexOf("</head>");
        return (xml.substring(0, head) + "  <link href=\"" + HtmlUtils.htmlEscape(link) + "\"/>\n  "
                        + xml.substring(head))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Lang resultLang(MediaType type) {
        if (type.equals(Formats.RESULTS_XML)) {
            return ResultSetLang.RS_XML;
        }
        if (type.equals(Formats.CSV)) {
            return ResultSetLang.RS_CSV;
        }
        if (type.equals(Formats.TSV)) {
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
        model.addAttribute("vocabulary", vocabulary.json());
        model.addAttribute("table", table);
        model.addAttribute("maxRows", sparql.limits().maxRows());
        model.addAttribute("timeoutSeconds", sparql.limits().timeout().toSeconds());
        return "sparql";
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
