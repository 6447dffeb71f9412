package org.physicsofai.atlas.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.exec.RowSet;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.ImportProgress;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.sweep.SweepJournal.CellRecord;
import org.physicsofai.atlas.sweep.SweepJournal.CellState;
import org.physicsofai.atlas.sweep.SweepSpec.Cell;
import tools.jackson.databind.JsonNode;

/**
 * Runs a sweep on this machine: each cell's command as a subprocess (an argument list, never a
 * shell), at most {@code parallelism} at once, its output and errors kept in the cell's log. Each
 * finished cell is imported at once (the importer's detectors label it) and placed in the sweep's
 * experiment with its settings. The prediction, if any, is locked in the store before the first run
 * starts and scored after the last cell.
 *
 * <p>Everything a sweep does is journaled in its folder ({@code {sweeps}/{id}/journal.jsonl}), so that
 * {@link #resume} carries on after a crash or a restart: finished cells are never run again, a cell
 * whose process outlived the crash is waited for, and a cell whose process died with it is run again.
 */
public final class SweepRunner {

    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    static final String PHASE_LABEL =
            org.physicsofai.atlas.ontology.AtlasOntology.ID_BASE + "observable/learning-phase-label";

    private final Path sweeps;
    private final KnowledgeStore store;
    private final SweepGraphs graphs;
    private final Importer importer;
    private final AgentRef agent;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final java.util.Set<ProcessHandle> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param sweeps the folder holding every sweep's folder ({@code {data-dir}/sweeps})
     * @param agent who runs the sweeps (the operator, on the command line)
     */
    public SweepRunner(
            Path sweeps,
            KnowledgeStore store,
            ContributionService contributions,
            Importer importer,
            String baseIri,
            AgentRef agent) {
        this.sweeps = sweeps;
        this.store = store;
        this.graphs = new SweepGraphs(store, contributions, baseIri, agent);
        this.importer = importer;
        this.agent = agent;
    }

    /** What a run or resume ended with. */
    public record Outcome(String id, Map<String, CellRecord> cells, boolean complete, boolean cancelled, Score score) {

        public long count(CellState state) {
            return cells.values().stream().filter(c -> c.state() == state).count();
        }
    }

    /** A scored prediction. */
    public record Score(
            String iri, double agreement, int agreeing, int scored, boolean supports, boolean preregistered) {}

    /** The folder of a sweep. */
    public static Path folder(Path sweeps, String id) {
        if (!SweepSpecParser.ID.matcher(id).matches()) {
            throw new SweepSpecException("'" + id + "' is not a sweep id (lower-case letters, digits and '-')");
        }
        return sweeps.resolve(id);
    }

    /** Starts a new sweep; refuses one whose id the data directory already holds. */
    public Outcome run(SweepSpec spec, PrintStream out) {
        Path folder = folder(sweeps, spec.id());
        if (Files.exists(folder.resolve("journal.jsonl"))) {
            throw new SweepSpecException(spec.id() + ": a sweep with this id exists already (state in the data"
                    + " directory); continue it with 'sweep resume " + spec.id() + "' or give the new one another id");
        }
        graphs.checkReferences(spec);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("spec.yaml"), spec.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SweepJournal journal = new SweepJournal(folder.resolve("journal.jsonl"));
        journal.append(
                "created", Map.of("id", spec.id(), "directory", spec.directory().toString()));
        return execute(spec, folder, journal, out);
    }

    /**
     * Continues a sweep. {@code changed}, if given, is the specification as the operator now has it: it
     * may add a prediction the sweep did not have (stored as made after runs started, if any had), but
     * may not change a locked prediction or anything else.
     */
    public Outcome resume(String id, SweepSpec changed, PrintStream out) {
        Path folder = folder(sweeps, id);
        SweepJournal journal = new SweepJournal(folder.resolve("journal.jsonl"));
        if (!Files.exists(journal.file())) {
            throw new SweepSpecException(id + ": no such sweep in the data directory");
        }
        SweepSpec stored = stored(folder, id);
        SweepSpec spec = stored;
        if (changed != null) {
            spec = SweepGraphs.sameSweep(stored, changed);
            if (spec != stored) {
                try {
                    Files.writeString(folder.resolve("spec.yaml"), spec.text(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        try {
            Files.deleteIfExists(folder.resolve("cancel"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        journal.append("resumed", Map.of());
        return execute(spec, folder, journal, out);
    }

    /** The specification a sweep was started with (its working folder as it was then). */
    static SweepSpec stored(Path folder, String id) {
        try {
            String text = Files.readString(folder.resolve("spec.yaml"), StandardCharsets.UTF_8);
            JsonNode created = new SweepJournal(folder.resolve("journal.jsonl")).first("created");
            Path directory = Path.of(created.path("directory").asString());
            SweepSpec spec = SweepSpecParser.parse(text, id + "/spec.yaml", directory);
            return new SweepSpec(
                    spec.id(),
                    spec.title(),
                    spec.experiment(),
                    spec.phenomenon(),
                    spec.variables(),
                    spec.seeds(),
                    spec.command(),
                    directory,
                    spec.output(),
                    spec.budget(),
                    spec.parallelism(),
                    spec.prediction(),
                    text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sweep " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * The state of a sweep as its journal records it, read without opening any store (so also while
     * another process runs the sweep): every cell with its state, the lock, the score.
     */
    public static String status(Path sweeps, String id) {
        Path folder = folder(sweeps, id);
        SweepJournal journal = new SweepJournal(folder.resolve("journal.jsonl"));
        if (!Files.exists(journal.file())) {
            throw new SweepSpecException(id + ": no such sweep in the data directory");
        }
        SweepSpec spec = stored(folder, id);
        StringBuilder text = new StringBuilder();
        List<Cell> cells = spec.cells();
        Map<String, CellRecord> states =
                journal.cells(cells.stream().map(Cell::key).toList());
        JsonNode created = journal.first("created");
        text.append("Sweep ").append(id).append(": ").append(spec.title()).append('\n');
        text.append("Started ")
                .append(created.path("at").asString())
                .append("; ")
                .append(summary(states));
        if (journal.last("completed") != null) {
            text.append("; complete");
        } else if (Files.exists(folder.resolve("cancel"))) {
            text.append("; cancel requested");
        }
        text.append('\n');
        JsonNode locked = journal.last("locked");
        if (locked != null) {
            text.append("Prediction ")
                    .append(
                            locked.path("preregistered").asBoolean()
                                    ? "locked before the runs (preregistered)"
                                    : "made after runs started (not preregistered)")
                    .append(": ")
                    .append(locked.path("hash").asString())
                    .append(" by ")
                    .append(locked.path("author").asString())
                    .append(" at ")
                    .append(locked.path("lockedAt").asString())
                    .append('\n');
        }
        JsonNode scored = journal.last("scored");
        if (scored != null) {
            text.append("Score: agreement ")
                    .append(scored.path("agreement").asDouble())
                    .append(" (")
                    .append(scored.path("score").asString())
                    .append(")\n");
        }
        for (Cell cell : cells) {
            CellRecord r = states.get(cell.key());
            text.append(String.format(
                    java.util.Locale.ROOT,
                    "  %-40s %-9s",
                    cell.label(),
                    r.state().name().toLowerCase(java.util.Locale.ROOT)));
            if (r.phase() != null) {
                text.append(" phase ").append(r.phase());
            }
            String expected = spec.expectedPhase(cell);
            if (expected != null) {
                text.append(" (expected ").append(expected).append(')');
            }
            if (r.reason() != null) {
                text.append(" - ").append(r.reason());
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Stops the running cells of this runner's sweep (they are recorded as cancelled). */
    public void cancel() {
        cancelled.set(true);
        live.forEach(SweepRunner::kill);
    }

    /** Asks the process running a sweep to stop it (a flag file it watches), also from another process. */
    public static void requestCancel(Path sweeps, String id) {
        Path folder = folder(sweeps, id);
        if (!Files.exists(folder.resolve("journal.jsonl"))) {
            throw new SweepSpecException(id + ": no such sweep in the data directory");
        }
        try {
            Files.writeString(folder.resolve("cancel"), Instant.now().toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new SweepJournal(folder.resolve("journal.jsonl")).append("cancel-requested", Map.of());
    }

    private boolean cancelRequested(Path folder) {
        return cancelled.get() || Files.exists(folder.resolve("cancel"));
    }

    private Outcome execute(SweepSpec spec, Path folder, SweepJournal journal, PrintStream out) {
        try (FileChannel lockFile =
                        FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(lockFile, spec.id())) {
            return executeLocked(spec, folder, journal, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileLock tryLock(FileChannel channel, String id) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new SweepSpecException(id + ": the sweep is being run by another process");
        }
        return lock;
    }

    private Outcome executeLocked(SweepSpec spec, Path folder, SweepJournal journal, PrintStream out) {
        List<Cell> cells = spec.cells();
        Map<String, Cell> byKey = new LinkedHashMap<>();
        cells.forEach(c -> byKey.put(c.key(), c));
        Map<String, CellRecord> states = journal.cells(List.copyOf(byKey.keySet()));
        boolean anyStarted = states.values().stream().anyMatch(r -> r.attempts() > 0);
        // The sweep, its experiment and cells, and the prediction locked: before any run starts.
        SweepGraphs.Declared declared = graphs.declare(spec, anyStarted, journal);
        if (declared.prediction() != null) {
            out.println((declared.preregistered()
                            ? "Prediction locked (preregistered): "
                            : "Prediction stored as made" + " after runs started (not preregistered): ")
                    + declared.lockHash() + " by " + spec.prediction().author() + " at " + declared.lockedAt());
        }
        LinkedBlockingQueue<String> finished = new LinkedBlockingQueue<>();
        List<String> queue = new ArrayList<>();
        List<String> adopted = new ArrayList<>();
        for (CellRecord r : states.values()) {
            switch (r.state()) {
                case IMPORTED -> {}
                case FINISHED -> finished.add(r.cell());
                case STARTED -> {
                    Optional<ProcessHandle> alive = alive(r);
                    Path output =
                            folder.resolve("cells").resolve(r.cell()).resolve(spec.outputFile(byKey.get(r.cell())));
                    if (alive.isPresent()) {
                        adopted.add(r.cell());
                    } else if (Files.exists(output)) {
                        journal.append(
                                "cell-finished",
                                Map.of("cell", r.cell(), "exit", "unknown (ended while the Atlas was down)"));
                        finished.add(r.cell());
                    } else {
                        journal.append(
                                "cell-reset",
                                Map.of(
                                        "cell",
                                        r.cell(),
                                        "reason",
                                        "its process ended without output while the Atlas was down"));
                        queue.add(r.cell());
                    }
                }
                case WAITING, FAILED, CANCELLED -> queue.add(r.cell());
            }
        }
        int total = cells.size();
        out.println("Sweep " + spec.id() + ": " + total + " cell(s): "
                + states.values().stream()
                        .filter(r -> r.state() == CellState.IMPORTED)
                        .count() + " imported, "
                + finished.size() + " to import, " + adopted.size() + " still running from before, " + queue.size()
                + " to run; parallelism " + spec.parallelism());
        ExecutorService pool = Executors.newFixedThreadPool(spec.parallelism(), r -> {
            Thread t = new Thread(r, "sweep-" + spec.id());
            t.setDaemon(true);
            return t;
        });
        int pending = queue.size() + adopted.size();
        for (String key : adopted) {
            CellRecord r = states.get(key);
            pool.submit(() -> {
                waitAdopted(spec, folder, journal, byKey.get(key), r, out);
                finished.add(key);
            });
        }
        for (String key : queue) {
            pool.submit(() -> {
                runCell(spec, folder, journal, byKey.get(key), out);
                finished.add(key);
            });
        }
        pool.shutdown();
        // Import on this thread as cells finish, in the order they finish.
        int imported = 0;
        while (true) {
            String key;
            try {
                key = finished.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled.set(true);
                break;
            }
            if (key == null) {
                if (pool.isTerminated() && finished.isEmpty()) {
                    break;
                }
                continue;
            }
            CellRecord now = journal.cells(List.of(key)).get(key);
            if (now.state() == CellState.FINISHED) {
                importCell(spec, folder, journal, byKey.get(key), declared, out);
            }
            imported++;
            if (imported > pending + total) {
                break;
            }
        }
        Map<String, CellRecord> end = journal.cells(List.copyOf(byKey.keySet()));
        boolean complete =
                end.values().stream().allMatch(r -> r.state() == CellState.IMPORTED || r.state() == CellState.FAILED);
        boolean wasCancelled = cancelRequested(folder);
        Score score = null;
        if (complete) {
            JsonNode scored = journal.last("scored");
            if (declared.prediction() != null) {
                score = graphs.score(spec, declared, end, byKey);
                if (scored == null) {
                    journal.append("scored", Map.of("score", score.iri(), "agreement", score.agreement()));
                }
                out.printf(
                        "Prediction scored: %d of %d cell(s) agree (%.2f); the score %s the prediction%s.%n",
                        score.agreeing(),
                        score.scored(),
                        score.agreement(),
                        score.supports() ? "supports" : "disputes",
                        score.preregistered() ? "" : " (not preregistered)");
            }
            if (journal.last("completed") == null) {
                journal.append("completed", Map.of());
            }
        } else if (wasCancelled) {
            journal.append("cancelled", Map.of());
        }
        out.println("Sweep " + spec.id() + ": " + summary(end) + (wasCancelled && !complete ? " (cancelled)" : ""));
        return new Outcome(spec.id(), end, complete, wasCancelled, score);
    }

    static String summary(Map<String, CellRecord> cells) {
        Map<CellState, Long> counts = new LinkedHashMap<>();
        for (CellState s : CellState.values()) {
            long n = cells.values().stream().filter(c -> c.state() == s).count();
            if (n > 0) {
                counts.put(s, n);
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> parts.add(n + " " + s.name().toLowerCase(java.util.Locale.ROOT)));
        return String.join(", ", parts);
    }

    private static Optional<ProcessHandle> alive(CellRecord r) {
        if (r.pid() <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(r.pid()).filter(ProcessHandle::isAlive).filter(h -> {
            Optional<Instant> start = h.info().startInstant();
            return r.processStart() == null
                    || start.isEmpty()
                    || Math.abs(Duration.between(start.get(), r.processStart()).toMillis()) < 2000;
        });
    }

    private void runCell(SweepSpec spec, Path folder, SweepJournal journal, Cell cell, PrintStream out) {
        if (cancelRequested(folder)) {
            journal.append("cell-cancelled", Map.of("cell", cell.key()));
            return;
        }
        Path dir = folder.resolve("cells").resolve(cell.key());
        Path output = dir.resolve(spec.outputFile(cell));
        Path log = dir.resolve("log.txt");
        Process process;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(output);
            List<String> argv = spec.argv(cell, output.toAbsolutePath());
            Files.writeString(
                    log,
                    "# " + Instant.now() + " " + String.join(" ", argv) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .directory(spec.directory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            process = builder.start();
        } catch (IOException e) {
            journal.append("cell-failed", Map.of("cell", cell.key(), "reason", "could not start: " + e.getMessage()));
            out.println("cell " + cell.label() + ": could not start (" + e.getMessage() + ")");
            return;
        }
        ProcessHandle handle = process.toHandle();
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("cell", cell.key());
        started.put("pid", handle.pid());
        handle.info().startInstant().ifPresent(i -> started.put("processStart", i.toString()));
        journal.append("cell-started", started);
        out.println("cell " + cell.label() + ": started");
        waitFor(spec, folder, journal, cell, handle, Instant.now(), process, out);
    }

    private void waitAdopted(
            SweepSpec spec, Path folder, SweepJournal journal, Cell cell, CellRecord r, PrintStream out) {
        Optional<ProcessHandle> handle = alive(r);
        out.println("cell " + cell.label() + ": still running since before the restart; waiting for it");
        if (handle.isEmpty()) {
            Path output = folder.resolve("cells").resolve(cell.key()).resolve(spec.outputFile(cell));
            finishWithoutStatus(journal, cell, output, out);
            return;
        }
        waitFor(spec, folder, journal, cell, handle.get(), r.started(), null, out);
    }

    private void waitFor(
            SweepSpec spec,
            Path folder,
            SweepJournal journal,
            Cell cell,
            ProcessHandle handle,
            Instant started,
            Process process,
            PrintStream out) {
        live.add(handle);
        try {
            waitLive(spec, folder, journal, cell, handle, started, process, out);
        } finally {
            live.remove(handle);
        }
    }

    private void waitLive(
            SweepSpec spec,
            Path folder,
            SweepJournal journal,
            Cell cell,
            ProcessHandle handle,
            Instant started,
            Process process,
            PrintStream out) {
        Path output = folder.resolve("cells").resolve(cell.key()).resolve(spec.outputFile(cell));
        Instant deadline = started.plus(spec.budget().wallTime());
        while (handle.isAlive()) {
            if (cancelRequested(folder)) {
                kill(handle);
                journal.append("cell-cancelled", Map.of("cell", cell.key()));
                out.println("cell " + cell.label() + ": cancelled");
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                kill(handle);
                journal.append(
                        "cell-failed",
                        Map.of(
                                "cell",
                                cell.key(),
                                "reason",
                                "stopped after the wall-time budget of "
                                        + spec.budget().wallTime().toSeconds() + " s; see cells/" + cell.key()
                                        + "/log.txt"));
                out.println("cell " + cell.label() + ": over the wall-time budget, stopped");
                return;
            }
            try {
                handle.onExit().get(250, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(handle);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                break;
            }
        }
        if (process == null) {
            finishWithoutStatus(journal, cell, output, out);
            return;
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (exit != 0) {
            journal.append(
                    "cell-failed",
                    Map.of(
                            "cell",
                            cell.key(),
                            "reason",
                            "exit status " + exit + "; see cells/" + cell.key() + "/log.txt"));
            out.println("cell " + cell.label() + ": failed with exit status " + exit + " (cells/" + cell.key()
                    + "/log.txt)");
        } else if (!Files.exists(output)) {
            journal.append(
                    "cell-failed",
                    Map.of(
                            "cell",
                            cell.key(),
                            "reason",
                            "exited with 0 but wrote no " + output.getFileName() + "; see cells/" + cell.key()
                                    + "/log.txt"));
            out.println("cell " + cell.label() + ": wrote no output (cells/" + cell.key() + "/log.txt)");
        } else {
            journal.append("cell-finished", Map.of("cell", cell.key(), "exit", 0));
            out.println("cell " + cell.label() + ": finished");
        }
    }

    private static void finishWithoutStatus(SweepJournal journal, Cell cell, Path output, PrintStream out) {
        if (Files.exists(output)) {
            journal.append("cell-finished", Map.of("cell", cell.key(), "exit", "unknown (adopted after a restart)"));
            out.println("cell " + cell.label() + ": finished");
        } else {
            journal.append(
                    "cell-failed",
                    Map.of(
                            "cell",
                            cell.key(),
                            "reason",
                            "its process ended without output after a restart; see cells/" + cell.key() + "/log.txt"));
        }
    }

    private static void kill(ProcessHandle handle) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // it was asked to stop; nothing more to do
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private void importCell(
            SweepSpec spec,
            Path folder,
            SweepJournal journal,
            Cell cell,
            SweepGraphs.Declared declared,
            PrintStream out) {
        Path output = folder.resolve("cells").resolve(cell.key()).resolve(spec.outputFile(cell));
        ImportReport report;
        try {
            report = importer.run(
                    new ImportRequest(
                            List.of(new ImportRequest.Source(output, spec.id() + "/" + output.getFileName())),
                            ImportFormat.parse(spec.output().format()),
                            null,
                            new ObservableMapping(spec.output().mapping()),
                            agent,
                            true,
                            declared.experiment()),
                    ImportProgress.NONE);
        } catch (IOException | RuntimeException e) {
            journal.append("cell-failed", Map.of("cell", cell.key(), "reason", "import failed: " + e.getMessage()));
            out.println("cell " + cell.label() + ": import failed: " + e.getMessage());
            return;
        }
        if (report.outcome() == ImportReport.Outcome.FAILED || report.runs().size() != 1) {
            String reason = report.problems().isEmpty()
                    ? "the output holds " + report.runs().size() + " runs, not one"
                    : report.problems().get(0).file() + ":"
                            + report.problems().get(0).line() + ": "
                            + report.problems().get(0).message();
            journal.append("cell-failed", Map.of("cell", cell.key(), "reason", "import refused: " + reason));
            out.println("cell " + cell.label() + ": import refused: " + reason);
            return;
        }
        String run = report.runs().get(0);
        CellRecord record = journal.cells(List.of(cell.key())).get(cell.key());
        graphs.place(spec, cell, run, record.started(), record.ended());
        String phase = phase(run);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("cell", cell.key());
        fields.put("run", run);
        if (phase != null) {
            fields.put("phase", phase);
        }
        journal.append("cell-imported", fields);
        out.println("cell " + cell.label() + ": imported as " + run + (phase == null ? "" : ", phase " + phase));
    }

    /** The phase the grokking detector found in a run (accepted knowledge), or {@code null}. */
    String phase(String run) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT ?phen WHERE { ?o ?runP ?run ; ?observable ?label ; ?indicates ?phen } ORDER BY ?phen LIMIT 1""");
        pss.setIri("runP", Atlas.run.getURI());
        pss.setIri("run", run);
        pss.setIri("observable", Atlas.observable.getURI());
        pss.setIri("label", PHASE_LABEL);
        pss.setIri("indicates", Atlas.indicates.getURI());
        return store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            RowSet rows = exec.select();
            if (!rows.hasNext()) {
                return null;
            }
            String iri = rows.next().get("phen").getURI();
            return iri.substring(iri.lastIndexOf('/') + 1);
        });
    }
}
