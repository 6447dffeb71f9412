package org.physicsofai.atlas.web.trace;

import java.util.List;
import java.util.Locale;
import org.physicsofai.atlas.trace.EvidenceTracer;
import org.physicsofai.atlas.trace.NeighbourhoodRequest;
import org.physicsofai.atlas.trace.TraceRequest;
import org.physicsofai.atlas.trace.WhyRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tracing API: {@code /api/trace}, {@code /api/why} and {@code /api/neighbourhood}, answered in
 * JSON (see {@code docs/tracing.md}). Nodes may be given as IRIs, {@code /id/...} paths or names; a
 * name of several nodes and other bad values are refused with a problem document naming the parameter.
 */
@RestController
class TraceApiController {

    private final EvidenceTracer tracer;
    private final TraceAnswers answers;
    private final TraceParameters parameters;

    TraceApiController(EvidenceTracer tracer, TraceAnswers answers, TraceParameters parameters) {
        this.tracer = tracer;
        this.answers = answers;
        this.parameters = parameters;
    }

    @GetMapping(path = "/api/trace", produces = "application/json")
    TraceJson.TraceAnswer trace(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "" + TraceRequest.DEFAULT_K) int k,
            @RequestParam(defaultValue = "" + TraceRequest.DEFAULT_MAX_HOPS) int maxHops,
            @RequestParam(name = "link", required = false) List<String> links,
            @RequestParam(name = "type", required = false) List<String> types,
            Locale locale) {
        String language = language(locale);
        TraceRequest request = new TraceRequest(
                parameters.node("from", from, language),
                parameters.node("to", to, language),
                k,
                maxHops,
                TraceParameters.terms(links),
                TraceParameters.terms(types));
        return answers.trace(tracer.trace(request), language);
    }

    @GetMapping(path = "/api/why", produces = "application/json")
    TraceJson.WhyAnswer why(
            @RequestParam(required = false) String claim,
            @RequestParam(defaultValue = "" + WhyRequest.DEFAULT_DEPTH) int depth,
            @RequestParam(defaultValue = "" + WhyRequest.DEFAULT_MAX_ITEMS) int maxItems,
            Locale locale) {
        WhyRequest request = new WhyRequest(parameters.node("claim", claim, language(locale)), depth, maxItems);
        return answers.why(tracer.why(request), language(locale));
    }

    @GetMapping(path = "/api/neighbourhood", produces = "application/json")
    TraceJson.NeighbourhoodAnswer neighbourhood(
            @RequestParam(required = false) String node,
            @RequestParam(defaultValue = "" + NeighbourhoodRequest.DEFAULT_HOPS) int hops,
            @RequestParam(defaultValue = "" + NeighbourhoodRequest.DEFAULT_MAX_NODES) int maxNodes,
            @RequestParam(name = "link", required = false) List<String> links,
            @RequestParam(name = "type", required = false) List<String> types,
            Locale locale) {
        NeighbourhoodRequest request = new NeighbourhoodRequest(
                parameters.node("node", node, language(locale)),
                hops,
                TraceParameters.terms(links),
                TraceParameters.terms(types),
                maxNodes);
        return answers.neighbourhood(tracer.neighbourhood(request), language(locale));
    }

    static String language(Locale locale) {
        return locale.getLanguage().equals("zh") ? "zh" : "en";
    }
}
