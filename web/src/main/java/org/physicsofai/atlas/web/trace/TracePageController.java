package org.physicsofai.atlas.web.trace;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.physicsofai.atlas.entity.EntityDescriber;
import org.physicsofai.atlas.trace.EvidenceTracer;
import org.physicsofai.atlas.trace.NeighbourhoodRequest;
import org.physicsofai.atlas.trace.TraceRequest;
import org.physicsofai.atlas.trace.TraversableLinks;
import org.physicsofai.atlas.trace.UnknownNodeException;
import org.physicsofai.atlas.trace.WhyRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The trace page ({@code /trace}): two ends give the best paths between them, drawn and listed with
 * provenance; one end gives its neighbourhood. The "why" page ({@code /why}) shows the evidence tree
 * and balance of a claim or law. Bad input is shown on the page with the tracer's message.
 */
@Controller
class TracePageController {

    private final EvidenceTracer tracer;
    private final TraceAnswers answers;
    private final TraceParameters parameters;

    TracePageController(EvidenceTracer tracer, TraceAnswers answers, TraceParameters parameters) {
        this.tracer = tracer;
        this.answers = answers;
        this.parameters = parameters;
    }

    /** A choice in the form: an IRI, its label, and whether it is chosen. */
    record Option(String iri, String label, boolean checked) {}

    @GetMapping("/trace")
    String trace(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "" + TraceRequest.DEFAULT_K) int k,
            @RequestParam(defaultValue = "" + TraceRequest.DEFAULT_MAX_HOPS) int maxHops,
            @RequestParam(defaultValue = "" + NeighbourhoodRequest.DEFAULT_HOPS) int hops,
            @RequestParam(name = "link", required = false) List<String> links,
            @RequestParam(name = "type", required = false) List<String> types,
            Locale locale,
            HttpServletResponse response,
            Model model) {
        String language = TraceApiController.language(locale);
        Set<String> linkTypes = TraceParameters.terms(links);
        Set<String> nodeTypes = TraceParameters.terms(types);
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        model.addAttribute("k", k);
        model.addAttribute("maxHops", maxHops);
        model.addAttribute("hops", hops);
        model.addAttribute("maxK", TraceRequest.MAX_K);
        model.addAttribute("hopLimit", TraceRequest.MAX_HOPS);
        model.addAttribute("linkOptions", options(TraversableLinks.ALL, linkTypes, language));
        model.addAttribute("typeOptions", options(EntityDescriber.COUNTED_CLASSES, nodeTypes, language));
        boolean hasFrom = from != null && !from.isBlank();
        boolean hasTo = to != null && !to.isBlank();
        try {
            if (hasFrom && hasTo) {
                TraceRequest request = new TraceRequest(
                        parameters.node("from", from, language),
                        parameters.node("to", to, language),
                        k,
                        maxHops,
                        linkTypes,
                        nodeTypes);
                model.addAttribute("trace", answers.trace(tracer.trace(request), language));
                model.addAttribute("graphSource", traceSource(request));
            } else if (hasFrom || hasTo) {
                NeighbourhoodRequest request = new NeighbourhoodRequest(
                        parameters.node(hasFrom ? "from" : "to", hasFrom ? from : to, language),
                        hops,
                        linkTypes,
                        nodeTypes,
                        NeighbourhoodRequest.DEFAULT_MAX_NODES);
                model.addAttribute("neighbourhood", answers.neighbourhood(tracer.neighbourhood(request), language));
                model.addAttribute("graphSource", neighbourhoodSource(request));
            }
        } catch (UnknownNodeException e) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("error", e.getMessage());
        } catch (AmbiguousNameException e) {
            model.addAttribute("choices", e);
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
        }
        return "trace";
    }

    @GetMapping("/why")
    String why(
            @RequestParam(required = false) String claim,
            @RequestParam(defaultValue = "" + WhyRequest.DEFAULT_DEPTH) int depth,
            Locale locale,
            HttpServletResponse response,
            Model model) {
        String language = TraceApiController.language(locale);
        model.addAttribute("claim", claim == null ? "" : claim);
        model.addAttribute("depth", depth);
        model.addAttribute("maxDepth", WhyRequest.MAX_DEPTH);
        if (claim == null || claim.isBlank()) {
            return "why";
        }
        try {
            WhyRequest request =
                    new WhyRequest(parameters.node("claim", claim, language), depth, WhyRequest.DEFAULT_MAX_ITEMS);
            model.addAttribute("why", answers.why(tracer.why(request), language));
            model.addAttribute("graphSource", whySource(request));
        } catch (UnknownNodeException e) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("error", e.getMessage());
        } catch (AmbiguousNameException e) {
            model.addAttribute("choices", e);
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
        }
        return "why";
    }

    private List<Option> options(List<String> iris, Set<String> chosen, String language) {
        Map<String, String> labels = answers.labels(iris, language);
        List<Option> options = new ArrayList<>();
        for (String iri : iris) {
            options.add(new Option(iri, labels.get(iri), chosen.contains(iri)));
        }
        return options;
    }

    private static String traceSource(TraceRequest trace) {
        StringBuilder url = new StringBuilder("/api/trace");
        param(url, "from", trace.from());
        param(url, "to", trace.to());
        param(url, "k", Integer.toString(trace.k()));
        param(url, "maxHops", Integer.toString(trace.maxHops()));
        trace.linkTypes().stream().sorted().forEach(l -> param(url, "link", l));
        trace.nodeTypes().stream().sorted().forEach(t -> param(url, "type", t));
        return url.toString();
    }

    private static String neighbourhoodSource(NeighbourhoodRequest around) {
        StringBuilder url = new StringBuilder("/api/neighbourhood");
        param(url, "node", around.node());
        param(url, "hops", Integer.toString(around.hops()));
        param(url, "maxNodes", Integer.toString(around.maxNodes()));
        around.linkTypes().stream().sorted().forEach(l -> param(url, "link", l));
        around.nodeTypes().stream().sorted().forEach(t -> param(url, "type", t));
        return url.toString();
    }

    static String whySource(WhyRequest request) {
        StringBuilder url = new StringBuilder("/api/why");
        param(url, "claim", request.node());
        param(url, "depth", Integer.toString(request.depth()));
        return url.toString();
    }

    private static void param(StringBuilder url, String name, String value) {
        url.append(url.indexOf("?") < 0 ? '?' : '&')
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
