package org.physicsofai.atlas.web.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.sweep.SweepJournal;
import org.physicsofai.atlas.sweep.SweepRunner;
import org.physicsofai.atlas.sweep.SweepSpec;
import org.physicsofai.atlas.sweep.SweepSpecException;
import org.physicsofai.atlas.sweep.SweepSpecParser;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.stereotype.Component;

/**
 * Runs and resumes sweeps on this machine ({@code status} and {@code cancel} need no store and are
 * answered by {@link CommandLauncher} without the application, also while a sweep runs).
 */
@Component
class SweepCommand implements AtlasCommand {

    static final String NAME = "sweep";
    static final String SUMMARY =
            "Run a sweep of a toy experiment with a preregistered prediction (run, status, cancel, resume)";
    static final String USAGE = "sweep run FILE | sweep resume ID|FILE | sweep status ID|FILE | sweep cancel ID|FILE\n"
            + "  run FILE      start the sweep a YAML file specifies (see docs/sweeps.md): lock its prediction, run\n"
            + "                every cell, import, detect and place each as it finishes, score the prediction\n"
            + "  resume        carry on after a crash, a restart or a cancel; finished cells are not run again.\n"
            + "                With FILE, a prediction the sweep did not have may be added (marked as made after\n"
            + "                runs started); a locked prediction and everything else cannot change\n"
            + "  status        every cell's state, the lock and the score (also while the sweep runs)\n"
            + "  cancel        stop the running sweep's cells (the sweep can be resumed)\n"
            + "  ID            the sweep's id (its `id` field); FILE a specification naming it\n"
            + "The state of each sweep is kept in {atlas.data-dir}/sweeps/ID (journal, cell logs and outputs).\n"
            + "Exits with 0 when every cell was imported, 1 when a cell failed or the sweep was cancelled, 2 for a\n"
            + "usage error or a specification with a problem (the message names the field).";

    private final KnowledgeStore store;
    private final ContributionService contributions;
    private final Importer importer;
    private final AtlasProperties properties;

    SweepCommand(
            KnowledgeStore store, ContributionService contributions, Importer importer, AtlasProperties properties) {
        this.store = store;
        this.contributions = contributions;
        this.importer = importer;
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return SUMMARY;
    }

    @Override
    public String usage() {
        return USAGE;
    }

    static Path sweeps(AtlasProperties properties) {
        return properties.dataDir().resolve("sweeps");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2) {
            throw new UsageException("Give an action (run, resume, status, cancel) and a sweep file or id.");
        }
        String action = args.get(0);
        String target = args.get(1);
        SweepRunner runner = new SweepRunner(
                sweeps(properties),
                store,
                contributions,
                importer,
                properties.baseIri(),
                new AgentRef(properties.baseIri() + "agent/command-line", "command line"));
        Thread hook = new Thread(runner::cancel, "sweep-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SweepRunner.Outcome outcome = switch (action) {
                case "run" -> runner.run(parse(target, true), out);
                case "resume" ->
                    isFile(target)
                            ? runner.resume(parse(target, true).id(), parse(target, true), out)
                            : runner.resume(target, null, out);
                case "status", "cancel" -> null;
                default ->
                    throw new UsageException("Unknown action '" + action + "': use run, resume, status or cancel.");
            };
            if (outcome == null) {
                return offline(properties, args, out, err);
            }
            return outcome.complete() && outcome.count(SweepJournal.CellState.FAILED) == 0 ? 0 : 1;
        } catch (SweepSpecException e) {
            err.println(e.getMessage());
            return 2;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook has run
            }
        }
    }

    /** {@code status} and {@code cancel}: from the journal alone, without the stores. */
    static int offline(AtlasProperties properties, List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2) {
            err.println("Give an action (run, resume, status, cancel) and a sweep file or id.");
            err.println("Usage: java -jar atlas.jar " + USAGE);
            return 2;
        }
        try {
            String id = isFile(args.get(1)) ? parse(args.get(1), false).id() : args.get(1);
            if (args.get(0).equals("status")) {
                out.print(SweepRunner.status(sweeps(properties), id));
            } else {
                SweepRunner.requestCancel(sweeps(properties), id);
                out.println("Cancel requested for the sweep " + id + "; its running cells stop within a second."
                        + " Continue it later with 'sweep resume " + id + "'.");
            }
            return 0;
        } catch (SweepSpecException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    static boolean isOffline(List<String> args) {
        return !args.isEmpty() && (args.get(0).equals("status") || args.get(0).equals("cancel"));
    }

    private static boolean isFile(String target) {
        return target.endsWith(".yaml") || target.endsWith(".yml") || Files.isRegularFile(Path.of(target));
    }

    private static SweepSpec parse(String file, boolean required) {
        Path path = Path.of(file);
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            Path base = path.toAbsolutePath().normalize().getParent();
            return SweepSpecParser.parse(text, path.getFileName().toString(), base);
        } catch (IOException e) {
            throw new SweepSpecException("Cannot read the sweep file " + file + ": " + e.getMessage());
        }
    }
}
