package org.physicsofai.atlas.web.home;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.physicsofai.atlas.entity.EntityDescriber;
import org.physicsofai.atlas.search.ListingQuery;
import org.physicsofai.atlas.search.SearchIndex;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.trace.NodeLabels;
import org.physicsofai.atlas.web.review.ContributionHeadline;
import org.physicsofai.atlas.web.search.Listings;
import org.physicsofai.atlas.web.system.StoreReadCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: what the Atlas holds, by kind, where to start, and the latest contributions. */
@Controller
class HomeController {

    static final int ENTRY_POINTS = 10;

    static final int RECENT = 8;

    /** The detectors' results counted on the home page at most (they are listed by the query linked there). */
    static final int DETECTOR_RESULTS = 1000;

    /** Lists the detectors' contributions, newest first, for the link under the latest contributions. */
    static final String DETECTOR_QUERY = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?contribution ?detector ?created WHERE {
              GRAPH <https://w3id.org/physics-of-ai/id/graph/provenance> {
                ?contribution atlas:method atlas:detector ; atlas:status atlas:accepted ;
                  prov:generatedAtTime ?created ; prov:wasAttributedTo ?detector .
              }
            } ORDER BY DESC(?created) LIMIT 200""";

    /** For each counted kind without a listing, a query that lists its nodes by name (the count links to it). */
    static final Map<String, String> COUNT_QUERIES = countQueries();

    private static Map<String, String> countQueries() {
        Map<String, String> queries = new HashMap<>();
        for (String type : EntityDescriber.COUNTED_CLASSES) {
            String local = type.substring(type.indexOf('#') + 1);
            queries.put(local, """
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                    SELECT ?node (SAMPLE(?label) AS ?name) WHERE {
                      ?node a atlas:%s .
                      OPTIONAL { ?node skos:prefLabel|rdfs:label ?label FILTER(LANG(?label) IN ("en", "")) }
                    } GROUP BY ?node ORDER BY ?name ?node LIMIT 1000""".formatted(local));
        }
        return Map.copyOf(queries);
    }

    /** The latest contributions people made, each by what it is about; and how many results detectors added. */
    record Recent(
            List<ContributionRecord> contributions,
            Map<String, ContributionHeadline> headlines,
            int detectorResults,
            boolean moreDetectorResults) {}

    private final EntityDescriber describer;
    private final KnowledgeStore store;
    private final SearchIndex index;
    private final NodeLabels labels;
    private final StoreReadCache cache;

    HomeController(
            EntityDescriber describer,
            KnowledgeStore store,
            SearchIndex index,
            NodeLabels labels,
            StoreReadCache cache) {
        this.describer = describer;
        this.store = store;
        this.index = index;
        this.labels = labels;
        this.cache = cache;
    }

    @GetMapping("/")
    String home(Locale locale, Model model) {
        String language = locale.getLanguage().equals("zh") ? "zh" : "en";
        model.addAttribute("counts", describer.counts());
        model.addAttribute("listingPaths", Listings.PATH_BY_TYPE);
        model.addAttribute("countQueries", COUNT_QUERIES);
        model.addAttribute(
                "entryPoints",
                index.list(new ListingQuery(
                                "Phenomenon", null, null, ListingQuery.Sort.CONNECTED, ENTRY_POINTS, 0, language))
                        .items());
        Recent recent = cache.get("home-recent", language, () -> recent(language));
        model.addAttribute("recent", recent.contributions());
        model.addAttribute("headlines", recent.headlines());
        model.addAttribute("detectorResults", recent.detectorResults());
        model.addAttribute("moreDetectorResults", recent.moreDetectorResults());
        model.addAttribute("detectorQuery", DETECTOR_QUERY);
        return "home";
    }

    /**
     * The latest accepted contributions of people (forms, imports, the seed), not the detectors' results,
     * which would fill the list after every import; those are counted instead.
     */
    private Recent recent(String language) {
        List<ContributionRecord> people = new ArrayList<>();
        for (ContributionMethod method :
                List.of(ContributionMethod.MANUAL, ContributionMethod.IMPORT, ContributionMethod.SEED)) {
            people.addAll(
                    store.contributions(new ContributionFilter(ContributionStatus.ACCEPTED, method, null, RECENT)));
        }
        List<ContributionRecord> latest = people.stream()
                .sorted(Comparator.comparing(ContributionRecord::created).reversed())
                .limit(RECENT)
                .toList();
        Map<String, ContributionHeadline> headlines = new HashMap<>();
        latest.forEach(r -> {
            ContributionHeadline headline = ContributionHeadline.of(store, labels, r, language);
            if (headline != null) {
                headlines.put(r.iri(), headline);
            }
        });
        int detectors = store.contributions(new ContributionFilter(
                        ContributionStatus.ACCEPTED, ContributionMethod.DETECTOR, null, DETECTOR_RESULTS))
                .size();
        return new Recent(latest, headlines, detectors, detectors >= DETECTOR_RESULTS);
    }
}
