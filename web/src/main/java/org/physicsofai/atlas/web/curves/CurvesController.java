package org.physicsofai.atlas.web.curves;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.physicsofai.atlas.series.SeriesService;
import org.physicsofai.atlas.web.entity.EntitySections;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.physicsofai.atlas.web.system.StoreReadCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The run page: a run's configuration, its experiment and its curves. */
@Controller
class CurvesController {

    /** Points a chart asks for at first; zooming asks again for the visible range. */
    static final int CHART_POINTS = 1000;

    /** The most runs one comparison shows. */
    static final int MAX_COMPARED = 20;

    private final RunCurves curves;
    private final ExperimentRuns experiments;
    private final ObservableCurves observables;
    private final SeriesService series;
    private final PhaseDiagrams phaseDiagrams;
    private final StoreReadCache cache;
    private final EntitySections sections;

    CurvesController(
            RunCurves curves,
            ExperimentRuns experiments,
            ObservableCurves observables,
            SeriesService series,
            PhaseDiagrams phaseDiagrams,
            StoreReadCache cache,
            EntitySections sections) {
        this.sections = sections;
        this.curves = curves;
        this.experiments = experiments;
        this.observables = observables;
        this.series = series;
        this.phaseDiagrams = phaseDiagrams;
        this.cache = cache;
    }

    @GetMapping("/phase-diagram")
    String phaseDiagram(@RequestParam String iri, Locale locale, Model model) {
        PhaseDiagrams.Diagram diagram = phaseDiagrams
                .diagram(iri, language(locale))
                .orElseThrow(() -> new NotFoundException("The Atlas knows no experiment " + iri + "."));
        model.addAttribute("diagram", diagram);
        model.addAttribute("phases", org.physicsofai.atlas.detect.LearningPhase.values());
        return "phase-diagram";
    }

    @GetMapping("/observable")
    String observable(
            @RequestParam String iri,
            @RequestParam(name = "run", required = false) List<String> run,
            @RequestParam(required = false) String colour,
            Locale locale,
            Model model) {
        ObservableCurves.Overlay overlay = observables
                .overlay(
                        iri,
                        language(locale),
                        new LinkedHashSet<>(run == null ? List.of() : run),
                        colour == null || colour.isBlank() ? null : colour)
                .orElseThrow(() -> new NotFoundException("The Atlas knows no observable " + iri + "."));
        model.addAttribute("overlay", overlay);
        model.addAttribute(
                "observable",
                cache.get(
                        "observable-facts",
                        List.of(iri, language(locale)),
                        () -> sections.observable(iri, language(locale))));
        model.addAttribute("maxSeries", ObservableCurves.MAX_SERIES);
        model.addAttribute("chartPoints", CHART_POINTS);
        return "observable";
    }

    @GetMapping("/experiment")
    String experiment(@RequestParam String iri, Locale locale, Model model) {
        ExperimentRuns.Table table = experiments
                .table(iri, language(locale))
                .orElseThrow(() -> new NotFoundException("The Atlas knows no experiment " + iri + "."));
        model.addAttribute("experiment", table);
        model.addAttribute(
                "phaseDiagram", table.varies().size() == 2 && !table.rows().isEmpty());
        return "experiment";
    }

    @GetMapping("/run")
    String run(@RequestParam String iri, Locale locale, Model model) {
        String language = language(locale);
        Optional<RunCurves.RunView> found = cache.get("run", List.of(iri, language), () -> curves.run(iri, language));
        RunCurves.RunView run = found.orElseThrow(() -> new NotFoundException("The Atlas knows no run " + iri + "."));
        model.addAttribute("run", run);
        model.addAttribute(
                "verdicts", cache.get("run-verdicts", List.of(iri, language), () -> sections.verdicts(iri, language)));
        model.addAttribute("chartPoints", CHART_POINTS);
        return "run";
    }

    @GetMapping("/compare")
    String compare(
            @RequestParam(name = "run", required = false) List<String> run,
            @RequestParam(required = false) Long step,
            Locale locale,
            Model model) {
        String language = language(locale);
        List<String> iris = new ArrayList<>(new LinkedHashSet<>(run == null ? List.of() : run))
                .stream().filter(s -> !s.isBlank()).map(String::strip).toList();
        if (iris.size() > MAX_COMPARED) {
            throw new IllegalArgumentException(
                    "At most " + MAX_COMPARED + " runs can be compared; " + iris.size() + " were given.");
        }
        List<RunCurves.RunView> runs = new ArrayList<>();
        for (String iri : iris) {
            runs.add(curves.run(iri, language)
                    .orElseThrow(() -> new NotFoundException("The Atlas knows no run " + iri + ".")));
        }
        model.addAttribute("comparison", Comparison.of(runs, step, series));
        model.addAttribute("chartPoints", CHART_POINTS);
        model.addAttribute("runType", org.physicsofai.atlas.ontology.Atlas.Run.getURI());
        model.addAttribute("removeLinks", removeLinks(iris, step));
        return "compare";
    }

    /** For each compared run, the address of the same comparison without it (a link anyone can share). */
    static List<String> removeLinks(List<String> iris, Long step) {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < iris.size(); i++) {
            org.springframework.web.util.UriComponentsBuilder link =
                    org.springframework.web.util.UriComponentsBuilder.fromPath("/compare");
            for (int j = 0; j < iris.size(); j++) {
                if (j != i) {
                    link.queryParam("run", iris.get(j));
                }
            }
            if (step != null) {
                link.queryParam("step", step);
            }
            links.add(link.encode().build().toUriString());
        }
        return links;
    }

    static String language(Locale locale) {
        return locale.getLanguage().equals("zh") ? "zh" : "en";
    }
}
