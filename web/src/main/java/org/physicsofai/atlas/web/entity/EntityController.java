package org.physicsofai.atlas.web.entity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.physicsofai.atlas.entity.EntityDescriber;
import org.physicsofai.atlas.entity.EntityView;
import org.physicsofai.atlas.entity.HistoryEntry;
import org.physicsofai.atlas.entity.Term;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.trace.EvidenceTracer;
import org.physicsofai.atlas.trace.WhyRequest;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.insight.Insight;
import org.physicsofai.atlas.web.insight.InsightService;
import org.physicsofai.atlas.web.review.ContributionView;
import org.physicsofai.atlas.web.system.Formats;
import org.physicsofai.atlas.web.system.IriBases;
import org.physicsofai.atlas.web.system.Negotiation;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.physicsofai.atlas.web.system.PlainNumbers;
import org.physicsofai.atlas.web.system.RdfMediaTypes;
import org.physicsofai.atlas.web.system.StoreReadCache;
import org.physicsofai.atlas.web.trace.TraceAnswers;
import org.physicsofai.atlas.web.trace.TraceJson;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Resolves entity IRIs: {@code /id/{path}} stands for {@code https://w3id.org/physics-of-ai/id/{path}}
 * and for the deployment's own {@code {atlas.base-iri}{path}} (or an older base: {@link IriBases}). Browsers get the entity page; RDF
 * clients get Turtle, N-Triples, JSON-LD or RDF/XML by {@code Accept}.
 */
@Controller
class EntityController {

    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._~\\-/%]+");

    /** Claims and laws get the "why" panel: their direct evidence and its balance. */
    private static final List<String> WITH_WHY = List.of(Atlas.Claim.getURI(), Atlas.Law.getURI());

    private final EntityDescriber describer;
    private final AtlasProperties properties;
    private final KnowledgeStore store;
    private final InsightService insights;
    private final EvidenceTracer tracer;
    private final TraceAnswers answers;
    private final StoreReadCache cache;
    private final IriBases bases;
    private final PhenomenonSections phenomena;
    private final EntitySections sections;

    EntityController(
            EntityDescriber describer,
            AtlasProperties properties,
            KnowledgeStore store,
            InsightService insights,
            EvidenceTracer tracer,
            TraceAnswers answers,
            StoreReadCache cache,
            IriBases bases,
            PhenomenonSections phenomena,
            EntitySections sections) {
        this.describer = describer;
        this.properties = properties;
        this.store = store;
        this.insights = insights;
        this.tracer = tracer;
        this.answers = answers;
        this.cache = cache;
        this.bases = bases;
        this.phenomena = phenomena;
        this.sections = sections;
    }

    @GetMapping("/id/**")
    String entity(
            HttpServletRequest request,
            HttpServletResponse response,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            Locale locale,
            Model model)
            throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length() + "/id/".length());
        if (path.isEmpty() || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            throw new NotFoundException("No entity at /id/" + path);
        }
        // Linked-Data clients that accept anything get Turtle rather than the page.
        boolean pageFirst = accept == null || Negotiation.wantsHtml(accept);
        MediaType type = Negotiation.negotiate(Formats.requested(request), accept, Formats.GRAPHS.withHtml(pageFirst));
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        String language = locale.getLanguage().equals("zh") ? "zh" : "en";
        boolean html = type.equals(MediaType.TEXT_HTML);
        // What the page shows is read once per change of the store (reading a hub's page runs several
        // queries over hundreds of statements); nothing in it depends on who asks.
        EntityPage page =
                cache.get(html ? "entity-page" : "entity", List.of(path, language), () -> read(path, language, html));
        EntityView view = page.view()
                .orElseThrow(() ->
                        new NotFoundException("The Atlas knows nothing about " + AtlasOntology.ID_BASE + path + "."));
        if (html) {
            model.addAttribute("entity", view);
            model.addAttribute("entityPath", "/id/" + path);
            model.addAttribute("maxIncoming", EntityDescriber.MAX_INCOMING);
            model.addAttribute("history", page.history());
            model.addAttribute("insights", page.insights());
            model.addAttribute("contribution", page.contribution());
            model.addAttribute("runCurves", view.types().stream().map(Term::iri).anyMatch(Atlas.Run.getURI()::equals));
            model.addAttribute(
                    "experimentRuns", view.types().stream().map(Term::iri).anyMatch(Atlas.Experiment.getURI()::equals));
            model.addAttribute("lawChecks", view.types().stream().map(Term::iri).anyMatch(Atlas.Law.getURI()::equals));
            model.addAttribute(
                    "observableCurves",
                    view.types().stream().map(Term::iri).anyMatch(Atlas.Observable.getURI()::equals));
            model.addAttribute("traceable", page.traceable());
            model.addAttribute(
                    "bibtex",
                    view.types().stream()
                            .map(Term::iri)
                            .anyMatch(t -> t.equals(Atlas.Source.getURI()) || t.equals(Atlas.Phenomenon.getURI())));
            if (page.why() != null) {
                model.addAttribute("why", page.why());
            }
            if (page.phenomenon() != null) {
                model.addAttribute("phenomenon", page.phenomenon());
            }
            if (page.claim() != null) {
                model.addAttribute("claim", page.claim());
            }
            if (page.source() != null) {
                model.addAttribute("source", page.source());
            }
            if (page.observable() != null) {
                model.addAttribute("observable", page.observable());
            }
            if (page.verdicts() != null) {
                model.addAttribute("verdicts", page.verdicts());
            }
            model.addAttribute("outgoingGroups", StatementGroups.of(view.outgoing()));
            model.addAttribute("incomingGroups", StatementGroups.of(view.incoming()));
            return "entity";
        }
        Graph graph = describer.describeGraph(view.iri());
        response.setContentType(RdfMediaTypes.withCharset(type).toString());
        RdfMediaTypes.write(response.getOutputStream(), PlainNumbers.graph(graph), type);
        return null;
    }

    /** What an entity page shows; only the view when a graph is asked for. */
    private record EntityPage(
            Optional<EntityView> view,
            List<HistoryEntry> history,
            List<Insight> insights,
            ContributionView contribution,
            boolean traceable,
            TraceJson.WhyAnswer why,
            PhenomenonSections.View phenomenon,
            EntitySections.ClaimView claim,
            EntitySections.SourceView source,
            List<EntitySections.Verdict> verdicts,
            EntitySections.ObservableView observable) {}

    private EntityPage read(String path, String language, boolean html) {
        Optional<EntityView> found = candidates(path).stream()
                .map(iri -> describer.describe(iri, language))
                .flatMap(Optional::stream)
                .findFirst();
        if (found.isEmpty() || !html) {
            return new EntityPage(found, List.of(), List.of(), null, false, null, null, null, null, null, null);
        }
        EntityView view = StatementGroups.plainNumbers(
                found.get(), sections.describe(StatementGroups.unnamed(found.get()), language));
        found = Optional.of(view);
        List<String> types = view.types().stream().map(Term::iri).toList();
        boolean law = types.contains(Atlas.Law.getURI());
        boolean traceable = tracer.knows(view.iri());
        boolean claim = view.types().stream().map(Term::iri).anyMatch(WITH_WHY::contains);
        return new EntityPage(
                found,
                describer.history(view.iri()),
                insights.about(view.iri()),
                store.contribution(view.iri())
                        .map(r -> ContributionView.of(store, r))
                        .orElse(null),
                traceable,
                traceable && claim ? answers.why(tracer.why(WhyRequest.of(view.iri())), language) : null,
                view.types().stream().map(Term::iri).anyMatch(Atlas.Phenomenon.getURI()::equals)
                        ? phenomena.read(view.iri(), language)
                        : null,
                law || types.contains(Atlas.Claim.getURI()) ? sections.claim(view.iri(), language, law) : null,
                types.contains(Atlas.Source.getURI()) ? sections.source(view.iri(), language) : null,
                types.contains(Atlas.Run.getURI()) ? sections.verdicts(view.iri(), language) : null,
                types.contains(Atlas.Observable.getURI()) ? sections.observable(view.iri(), language) : null);
    }

    private List<String> candidates(String path) {
        return bases.candidates(path);
    }
}
