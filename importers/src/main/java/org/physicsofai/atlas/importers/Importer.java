package org.physicsofai.atlas.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.ResourceFactory;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.contribution.ValidationException;
import org.physicsofai.atlas.importers.lightning.LightningReader;
import org.physicsofai.atlas.importers.mlflow.MlflowReader;
import org.physicsofai.atlas.importers.table.CsvReader;
import org.physicsofai.atlas.importers.table.JsonlReader;
import org.physicsofai.atlas.importers.tensorboard.TensorBoardReader;
import org.physicsofai.atlas.importers.wandb.WandbChartCsvReader;
import org.physicsofai.atlas.importers.wandb.WandbLinks;
import org.physicsofai.atlas.importers.wandb.WandbReader;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.series.SeriesChange;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.series.SeriesSummary;
import org.physicsofai.atlas.series.SeriesWrite;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContentHash;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.CurrentContributions;
import org.physicsofai.atlas.store.KnowledgeChange;
import org.physicsofai.atlas.store.KnowledgeListener;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Submission;

/**
 * Imports experiment outputs as one contribution plus their points in the series store, all or
 * nothing, in two phases: the points are staged in the series store under the contribution's IRI
 * (invisible to readers of accepted series) and committed there before the knowledge store commits
 * the contribution; then, if the contribution is accepted, the staged series are published. The
 * knowledge store's commit decides: after a crash, {@link #recover()} publishes the staged series of
 * accepted contributions, keeps those of pending ones, and discards the rest. A pending import never
 * changes the accepted series; accepting it publishes its series (see {@link #Importer}), rejecting it
 * discards them (or the next start, after a crash between the two).
 *
 * <p>Importing the same files again stores nothing. A longer version of a log (more steps, more
 * runs) adds only the new points, and its contribution supersedes the earlier import of the same
 * runs, carrying over that import's statements about runs this one does not include.
 */
public final class Importer {

    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(1);

    private final KnowledgeStore store;
    private final ContributionService contributions;
    private final SeriesStore series;
    private final String baseIri;
    private final String toolVersion;
    private final UploadLimits limits;
    private final List<ImportListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Path temporaryFolder;

    /**
     * @param baseIri the deployment's IRI base, ending in {@code /id/}
     * @param toolVersion recorded in each contribution's provenance
     */
    public Importer(
            KnowledgeStore store,
            ContributionService contributions,
            SeriesStore series,
            String baseIri,
            String toolVersion,
            UploadLimits limits) {
        if (!baseIri.endsWith("/id/")) {
            throw new IllegalArgumentException("The IRI base must end in /id/: " + baseIri);
        }
        this.store = store;
        this.contributions = contributions;
        this.series = series;
        this.baseIri = baseIri;
        this.toolVersion = toolVersion;
        this.limits = limits;
        // A pending import accepted later: its staged series become the accepted ones; rejected, they go.
        store.addListener(new KnowledgeListener() {
            @Override
            public void knowledgeChanged(KnowledgeChange change) {
                change.added().forEach(series::publish);
            }

            @Override
            public void pendingWithdrawn(String contribution) {
                series.discard(contribution);
            }
        });
    }

    /** What {@link #recover()} did with the journal of imports a crash left behind. */
    public record Recovery(List<String> published, List<String> kept, List<String> discarded, List<String> resumed) {}

    /**
     * Completes or rolls back the imports that a crash interrupted, from the series store's journal,
     * by the fate of each contribution in the knowledge store: the staged series of accepted
     * contributions are published, those of pending ones are kept, those of contributions that were
     * never stored (the crash came before the knowledge store's commit), retracted or superseded are
     * discarded. Follow-ups of accepted imports (the detectors) that had not finished are run again
     * through the listeners. Run at start-up, before anything else writes.
     */
    public synchronized Recovery recover() {
        List<String> published = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> discarded = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        for (SeriesStore.Staged staged : series.staged()) {
            String iri = staged.contribution();
            ContributionStatus status =
                    store.contribution(iri).map(ContributionRecord::status).orElse(null);
            if (status == ContributionStatus.ACCEPTED) {
                if (!staged.published()) {
                    series.publish(iri);
                    published.add(iri);
                }
                FollowUp followUp = FollowUp.parse(staged.followUp());
                if (followUp != null) {
                    List<String> runs = runsOf(iri);
                    for (ImportListener listener : listeners) {
                        listener.resumed(followUp.agent(), runs);
                    }
                    resumed.add(iri);
                }
                series.done(iri);
            } else if (status == ContributionStatus.PENDING) {
                kept.add(iri);
            } else {
                series.discard(iri);
                discarded.add(iri);
            }
        }
        return new Recovery(published, kept, discarded, resumed);
    }

    /** The runs a contribution asserts. */
    private List<String> runsOf(String contribution) {
        return store
                .assertions(contribution)
                .find(Node.ANY, org.apache.jena.vocabulary.RDF.type.asNode(), Atlas.Run.asNode())
                .mapWith(t -> t.getSubject().getURI())
                .toList()
                .stream()
                .sorted()
                .toList();
    }

    /** What runs after an accepted import, kept in the journal so that a crash does not lose it. */
    private record FollowUp(AgentRef agent) {
        private static final String DETECT = "detect\t";

        String write() {
            return DETECT + agent.iri() + "\t" + agent.name();
        }

        static FollowUp parse(String text) {
            if (text == null || !text.startsWith(DETECT)) {
                return null;
            }
            String[] parts = text.substring(DETECT.length()).split("\t", 2);
            return new FollowUp(new AgentRef(parts[0], parts.length > 1 ? parts[1] : parts[0]));
        }
    }

    /**
     * Unpacks archives into this folder instead of the system's temporary folder (which may be small,
     * and is not cleaned after a crash); the caller empties it at start-up.
     */
    public void temporaryFolder(Path folder) {
        this.temporaryFolder = folder;
    }

    /** Adds a listener told after each accepted import that stored something new. */
    public void addListener(ImportListener listener) {
        listeners.add(listener);
    }

    /** Runs one import; imports run one at a time. */
    public synchronized ImportReport run(ImportRequest request, ImportProgress progress) throws IOException {
        List<Path> temporary = new ArrayList<>();
        try {
            ImportReport report = importSources(request, progress, temporary);
            if (report.outcome() != ImportReport.Outcome.IMPORTED || !request.acceptNow() || listeners.isEmpty()) {
                return report;
            }
            List<String> notes = new ArrayList<>(report.notes());
            for (ImportListener listener : listeners) {
                notes.addAll(listener.imported(request, report));
            }
            series.done(report.contribution());
            return report.withNotes(notes);
        } finally {
            for (Path folder : temporary) {
                deleteTree(folder);
            }
        }
    }

    /**
     * Reads and maps the sources as {@link #run} would, without storing anything: which runs and
     * metrics were found, how each metric would be mapped, and whether the same content was imported
     * before. The knowledge store and the series store are only read.
     */
    public ImportPreview preview(ImportRequest request) throws IOException {
        List<Path> temporary = new ArrayList<>();
        try {
            Reading reading = read(request, ImportProgress.NONE, temporary);
            if (reading.runs().isEmpty()) {
                return ImportPreview.failed(
                        List.copyOf(reading.formats()), reading.skipped(), reading.notes(), reading.problems());
            }
            GraphMapper mapper = map(request, reading);
            if (mapper.series().isEmpty() && mapper.observations() == 0) {
                reading.problems().add(new ImportProblem(sourceNames(request), 0, "no metrics to import"));
            }
            Map<String, ImportPreview.Metric> metrics = new TreeMap<>();
            List<ImportPreview.Run> runs = new ArrayList<>();
            for (int i = 0; i < reading.runs().size(); i++) {
                RunData run = reading.runs().get(i);
                long points = 0;
                int series = 0;
                for (MetricData metric : run.metrics()) {
                    SeriesSummary summary = SeriesSummary.of(metric.points());
                    metrics.merge(
                            metric.key(),
                            previewMetric(
                                    request,
                                    metric.key(),
                                    metric.points().size(),
                                    true,
                                    summary.lowest(),
                                    summary.highest()),
                            ImportPreview.Metric::merge);
                    if (!request.mapping().resolve(metric.key()).ignored()
                            && !metric.points().isEmpty()) {
                        points += metric.points().size();
                        series++;
                    }
                }
                if (run.summary() != null) {
                    run.summary().values().forEach((key, value) -> {
                        if (!org.physicsofai.atlas.importers.table.Columns.STEP.contains(key)) {
                            metrics.merge(
                                    key,
                                    previewMetric(request, key, 0, false, value, value),
                                    ImportPreview.Metric::merge);
                        }
                    });
                }
                RunData.ExperimentRef experiment = reading.experimentOf(request, i);
                runs.add(new ImportPreview.Run(
                        mapper.runs().get(i),
                        run.label(),
                        request.experimentIri() != null
                                ? request.experimentIri()
                                : baseIri + "experiment/" + experiment.key(),
                        request.experimentIri() != null ? null : experiment.label(),
                        run.status(),
                        series,
                        points,
                        run.summary() == null ? 0 : run.summary().values().size(),
                        pathValues(request.pathTemplate(), run)));
            }
            String before = null;
            if (reading.problems().isEmpty()) {
                Graph graph = mapper.graph();
                carryForward(graph, previousImports(mapper.runs()));
                before = store.current(ContentHash.of(graph)).map(c -> c.iri()).orElse(null);
            }
            Map<String, Integer> skipped = new TreeMap<>(reading.skipped());
            skipped.merge("metrics left out by the mapping", mapper.ignoredMetrics(), Integer::sum);
            skipped.merge(
                    "configuration values that are local file paths (personal)", mapper.localPaths(), Integer::sum);
            skipped.values().removeIf(v -> v == 0);
            return new ImportPreview(
                    List.copyOf(reading.formats()),
                    runs,
                    List.copyOf(metrics.values()),
                    mapper.proposedObservables(),
                    before,
                    skipped,
                    reading.notes(),
                    reading.problems());
        } finally {
            for (Path folder : temporary) {
                deleteTree(folder);
            }
        }
    }

    /** The settings of a run that the path template gave, in template order. */
    private static Map<String, Object> pathValues(PathTemplate template, RunData run) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        if (template != null) {
            template.fields().forEach(field -> {
                if (run.config().containsKey(field)) {
                    values.put(field, run.config().get(field));
                }
            });
        }
        return values;
    }

    private ImportPreview.Metric previewMetric(
            ImportRequest request, String key, long points, boolean series, double lowest, double highest) {
        ObservableMapping.Resolution resolution = request.mapping().resolve(key);
        ImportPreview.How how;
        String observable = resolution.observable();
        if (resolution.ignored()) {
            how = ImportPreview.How.IGNORED;
        } else if (resolution.unmapped()) {
            how = resolution.overridden() ? ImportPreview.How.CHOSEN : ImportPreview.How.PROPOSED;
            observable = GraphMapper.proposedIri(baseIri, resolution.newName() != null ? resolution.newName() : key);
        } else {
            how = resolution.overridden() ? ImportPreview.How.CHOSEN : ImportPreview.How.SYNONYM;
        }
        String unit = resolution.ignored() ? null : ObservableMapping.unit(key, observable, lowest, highest);
        return new ImportPreview.Metric(key, observable, resolution.newName(), how, unit, 1, series ? 1 : 0, points);
    }

    private ImportReport importSources(ImportRequest request, ImportProgress progress, List<Path> temporary)
            throws IOException {
        Reading reading = read(request, progress, temporary);
        List<ImportProblem> problems = reading.problems();
        Map<String, Integer> skipped = reading.skipped();
        List<String> notes = reading.notes();
        Set<String> formats = reading.formats();
        if (reading.runs().isEmpty()) {
            return ImportReport.failed(List.copyOf(formats), skipped, notes, problems);
        }
        GraphMapper mapper = map(request, reading);
        if (mapper.series().isEmpty() && mapper.observations() == 0) {
            problems.add(new ImportProblem(sourceNames(request), 0, "no metrics to import"));
            return ImportReport.failed(List.copyOf(formats), skipped, notes, problems);
        }
        skipped.merge("metrics left out by the mapping", mapper.ignoredMetrics(), Integer::sum);
        skipped.merge("configuration values that are local file paths (personal)", mapper.localPaths(), Integer::sum);
        skipped.values().removeIf(v -> v == 0);
        List<String> supersedes = previousImports(mapper.runs());
        Graph graph = mapper.graph();
        carryForward(graph, supersedes);
        return store(request, progress, reading.runs(), mapper, graph, supersedes, formats, skipped, notes, problems);
    }

    /** What the readers found in every source. */
    private record Reading(
            List<RunData> runs,
            List<RunData.ExperimentRef> experiments,
            List<ImportProblem> problems,
            Map<String, Integer> skipped,
            List<String> notes,
            Set<String> formats) {

        RunData.ExperimentRef experimentOf(ImportRequest request, int run) {
            return request.experiment() != null ? experiment("named", request.experiment()) : experiments.get(run);
        }
    }

    private Reading read(ImportRequest request, ImportProgress progress, List<Path> temporary) throws IOException {
        List<RunData> runs = new ArrayList<>();
        List<RunData.ExperimentRef> experiments = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        Set<String> formats = new TreeSet<>();
        for (ImportRequest.Source source : request.sources()) {
            Path root = source.path();
            if (Files.isRegularFile(root)
                    && source.name().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                Path unpacked = temporaryFolder == null
                        ? Files.createTempDirectory("atlas-import")
                        : Files.createTempDirectory(temporaryFolder, "atlas-import");
                temporary.add(unpacked);
                try {
                    Unpacker.unzip(root, source.name(), unpacked, limits);
                } catch (ImportInputException e) {
                    problems.add(new ImportProblem(e.file(), 0, e.getMessage()));
                    continue;
                }
                root = unpacked;
            }
            ReadContext context = new ReadContext(root, source.name(), !root.equals(source.path()));
            List<Path> links = WandbLinks.refused(links(root), context);
            if (!links.isEmpty()) {
                // A link could make the import read any file of this machine; the whole source is refused.
                links.forEach(link -> problems.add(new ImportProblem(
                        context.name(link), 0, "is a symbolic link; links are refused (copy the files instead)")));
                continue;
            }
            List<FormatDetector.Target> targets = new FormatDetector().detect(root, request.format(), context);
            if (targets.isEmpty() && context.problems().isEmpty()) {
                context.problem(new ImportProblem(
                        source.name(),
                        0,
                        "found no experiment output"
                                + (request.format() == null
                                        ? ""
                                        : " in the " + request.format().label() + " format")
                                + " (wrong format?)"));
            }
            int done = 0;
            for (FormatDetector.Target target : targets) {
                progress.progress("reading " + source.name(), done++, targets.size());
                formats.add(target.format().label());
                try {
                    read(target, context);
                } catch (IOException e) {
                    context.problem(
                            new ImportProblem(context.name(target.path()), 0, "cannot read: " + e.getMessage()));
                }
            }
            progress.progress("reading " + source.name(), done, targets.size());
            RunData.ExperimentRef folder = experiment("folder", source.name().replaceFirst("\\.zip$", ""));
            for (RunData read : context.runs()) {
                RunData run =
                        request.pathTemplate() == null ? read : withPathValues(read, request.pathTemplate(), notes);
                runs.add(run);
                experiments.add(run.experiment() != null ? run.experiment() : folder);
            }
            problems.addAll(context.problems());
            context.skipped().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
            notes.addAll(context.notes());
        }
        return new Reading(runs, experiments, problems, skipped, notes, formats);
    }

    /**
     * The run with the configuration its folder names give by the template: the run's own folder (or,
     * for a run of one file, the file's name without its extension) first, then its parents. A run no name
     * of which matches is noted and keeps its configuration.
     */
    static RunData withPathValues(RunData run, PathTemplate template, List<String> notes) {
        if (run.files().isEmpty()) {
            return run;
        }
        String folder = run.files().getFirst().path().substring(0, GraphMapper.commonFolder(run.files()));
        List<String> names = new ArrayList<>(List.of(folder.split("/")));
        names.removeIf(String::isEmpty);
        if (!names.isEmpty()) {
            names.set(0, names.getFirst().replaceFirst("(?i)\\.zip$", ""));
        }
        if (run.files().size() == 1) {
            String file = run.files().getFirst().path().substring(folder.length());
            names.add(file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file);
        }
        Map<String, Object> values = template.match(names);
        if (values.isEmpty()) {
            notes.add("run " + run.label() + ": no folder or file name matches the path template " + template);
            return run;
        }
        Map<String, Object> config = new TreeMap<>(run.config());
        values.forEach((key, value) -> {
            Object logged = config.put(key, value);
            if (logged != null && !String.valueOf(logged).equals(String.valueOf(value))) {
                notes.add("run " + run.label() + ": " + key + " = " + value + " from the folder name replaces " + logged
                        + " from the log");
            }
        });
        return new RunData(
                run.key(),
                run.label(),
                run.experiment(),
                run.status(),
                run.started(),
                run.ended(),
                config,
                run.metrics(),
                run.files(),
                run.summary());
    }

    private GraphMapper map(ImportRequest request, Reading reading) {
        GraphMapper mapper = new GraphMapper(baseIri, request.mapping(), request.pathTemplate());
        for (int i = 0; i < reading.runs().size(); i++) {
            if (request.experimentIri() != null) {
                mapper.add(reading.runs().get(i), request.experimentIri());
            } else {
                mapper.add(reading.runs().get(i), reading.experimentOf(request, i));
            }
        }
        mapper.finish();
        return mapper;
    }

    private ImportReport store(
            ImportRequest request,
            ImportProgress progress,
            List<RunData> runs,
            GraphMapper mapper,
            Graph graph,
            List<String> supersedes,
            Set<String> formats,
            Map<String, Integer> skipped,
            List<String> notes,
            List<ImportProblem> problems) {
        long points = 0;
        long newPoints = 0;
        boolean seriesChanged = false;
        Submission submission;
        String iri = baseIri + "contribution/" + java.util.UUID.randomUUID();
        String followUp = request.acceptNow() && !listeners.isEmpty() ? new FollowUp(request.agent()).write() : null;
        NewContribution contribution = new NewContribution(
                graph,
                ContributionMethod.IMPORT,
                request.agent(),
                sourceNames(request),
                manifestHash(runs),
                toolVersion,
                supersedes,
                request.acceptNow(),
                iri);
        // Phase one: the statements are validated and written on another thread while this one stages
        // the points under the contribution's IRI; the knowledge store commits only once the points
        // are committed (staged, invisible to readers of accepted series).
        CompletableFuture<Void> pointsStaged = new CompletableFuture<>();
        FutureTask<Submission> submitting =
                new FutureTask<>(() -> contributions.submit(sourceNames(request), contribution, pointsStaged));
        try (SeriesWrite write = series.stage(iri, followUp)) {
            Thread.ofPlatform().name("atlas-import-statements").daemon().start(submitting);
            try {
                int done = 0;
                int total = mapper.series().size();
                for (Map.Entry<String, SeriesData> entry : mapper.series().entrySet()) {
                    long before = write.size(entry.getKey()).orElse(0L);
                    SeriesChange change = write.put(entry.getKey(), entry.getValue());
                    points += entry.getValue().size();
                    newPoints += switch (change) {
                        case CREATED, REPLACED -> entry.getValue().size();
                        case APPENDED -> entry.getValue().size() - before;
                        case UNCHANGED -> 0;
                    };
                    seriesChanged |= change != SeriesChange.UNCHANGED;
                    if (++done % 100 == 0 || done == total) {
                        progress.progress("storing points", done, total);
                    }
                }
                if (submitting.state() != java.util.concurrent.Future.State.FAILED) {
                    // Otherwise the statements were refused: the points are not needed.
                    progress.progress("committing points", 0, 1);
                    write.commit();
                    progress.progress("committing points", 1, 1);
                }
                pointsStaged.complete(null);
            } catch (RuntimeException e) {
                pointsStaged.completeExceptionally(e);
            }
            progress.progress("storing statements", 0, 1);
            try {
                submission = awaitSubmission(submitting);
            } catch (ValidationException e) {
                series.discard(iri);
                e.violations()
                        .forEach(v -> problems.add(new ImportProblem(
                                sourceNames(request), 0, "does not conform to the" + " Atlas shapes: " + v)));
                return ImportReport.failed(List.copyOf(formats), skipped, notes, problems);
            } catch (RuntimeException e) {
                series.discard(iri);
                throw e;
            }
        }
        // Phase two: the knowledge store has decided. The same statements stored before leave the staged
        // points unused, unless the importer may accept (the points may differ where the statements do not).
        boolean accepted = submission.contribution().status() == ContributionStatus.ACCEPTED;
        if (accepted && (submission.created() || request.acceptNow())) {
            series.publish(iri);
            if (!submission.created()) {
                series.done(iri);
            }
        } else if (!submission.created()) {
            series.discard(iri);
        }
        boolean unchanged = !submission.created() && !seriesChanged;
        return new ImportReport(
                unchanged ? ImportReport.Outcome.UNCHANGED : ImportReport.Outcome.IMPORTED,
                List.copyOf(formats),
                submission.contribution().iri(),
                mapper.experiments(),
                mapper.runs(),
                List.copyOf(mapper.series().keySet()),
                points,
                newPoints,
                mapper.proposedObservables(),
                submission.created() ? supersedes : List.of(),
                skipped,
                notes,
                problems);
    }

    /** Waits for the statements to be stored, passing on the submission's own exception. */
    private static Submission awaitSubmission(FutureTask<Submission> submitting) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return submitting.get();
                } catch (InterruptedException e) {
                    // The statements are being written; the import ends only once their outcome is known.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void read(FormatDetector.Target target, ReadContext context) throws IOException {
        switch (target.format()) {
            case MLFLOW -> new MlflowReader().read(target.path(), context);
            case TENSORBOARD -> new TensorBoardReader().read(target.path(), context);
            case WANDB -> {
                if (target.chart()) {
                    new WandbChartCsvReader().read(target.path(), context);
                } else {
                    new WandbReader().read(target.path(), context);
                }
            }
            case LIGHTNING -> new LightningReader().read(target.path(), context);
            case CSV -> new CsvReader().read(target.path(), context);
            case JSONL -> new JsonlReader().read(target.path(), context);
        }
    }

    private static RunData.ExperimentRef experiment(String kind, String name) {
        return new RunData.ExperimentRef(Slugs.key(kind, name) + "-" + Slugs.digest(kind + "\n" + name, 8), name);
    }

    /** Earlier import contributions, pending or accepted, that assert any of these runs. */
    private List<String> previousImports(List<String> runIris) {
        Set<String> found = new LinkedHashSet<>();
        List<RDFNode> runs = runIris.stream()
                .map(iri -> (RDFNode) ResourceFactory.createResource(iri))
                .toList();
        for (int from = 0; from < runs.size(); from += 500) {
            ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                    SELECT DISTINCT ?g WHERE {
                      VALUES (?run) { ?runs }
                      GRAPH ?g { ?run a ?runClass }
                      GRAPH ?provenance { ?g ?method ?import ; ?status ?state }
                      FILTER (?state IN (?accepted, ?pending))
                    }""");
            pss.setValues("runs", runs.subList(from, Math.min(runs.size(), from + 500)));
            pss.setIri("runClass", Atlas.Run.getURI());
            pss.setIri("method", Atlas.method.getURI());
            pss.setIri("import", Atlas.import_.getURI());
            found.addAll(CurrentContributions.graphs(store, pss, QUERY_TIMEOUT));
        }
        return List.copyOf(found);
    }

    /** Adds the statements of superseded imports about nodes this import does not describe itself. */
    private void carryForward(Graph graph, List<String> supersedes) {
        Set<Node> described = new HashSet<>();
        graph.find().forEachRemaining(t -> described.add(t.getSubject()));
        for (String old : supersedes) {
            store.assertions(old).find().forEachRemaining(t -> {
                if (!described.contains(t.getSubject())) {
                    graph.add(t);
                }
            });
        }
    }

    private static String sourceNames(ImportRequest request) {
        return String.join(
                ", ", request.sources().stream().map(ImportRequest.Source::name).toList());
    }

    /** A digest of every file read (path and content hash), in path order. */
    private static String manifestHash(List<RunData> runs) {
        TreeSet<String> lines = new TreeSet<>();
        runs.forEach(run -> run.files().forEach(f -> lines.add(f.path() + " " + f.hash())));
        return ContentHash.ofBytes(String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The symbolic links inside a folder (the folder itself may be one: the operator named it). */
    private static List<Path> links(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isSymbolicLink).sorted().toList();
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The agent of imports from this machine's command line. */
    public static AgentRef commandLineAgent(String baseIri) {
        return new AgentRef(baseIri + "agent/command-line", "command line");
    }
}
