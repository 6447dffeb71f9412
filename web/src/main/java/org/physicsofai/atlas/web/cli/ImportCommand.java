package org.physicsofai.atlas.web.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.ImportProgress;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.importers.PathTemplate;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.stereotype.Component;

/** Imports experiment outputs from this machine's files into the Atlas. */
@Component
class ImportCommand implements AtlasCommand {

    private final Importer importer;
    private final AtlasProperties properties;

    ImportCommand(Importer importer, AtlasProperties properties) {
        this.importer = importer;
        this.properties = properties;
    }

    static final String NAME = "import";

    @Override
    public String name() {
        return NAME;
    }

    static final String SUMMARY = "Import experiment outputs (MLflow, TensorBoard, W&B, Lightning, CSV, JSONL)";

    @Override
    public String summary() {
        return SUMMARY;
    }

    static final String USAGE =
            "import [--format auto|mlflow|tensorboard|wandb|lightning|csv|jsonl] [--experiment NAME]"
                    + " [--mapping FILE] [--map METRIC=OBSERVABLE ...] [--path-template TEMPLATE] [--pending] PATH...\n"
                    + "  PATH          a folder, a zip archive or a log file; several make one import\n"
                    + "  --format      the format to read (default auto: detected per folder and file)\n"
                    + "  --experiment  group every run in this experiment (default: the MLflow experiment, or the folder)\n"
                    + "  --mapping     a YAML file of metric keys to observables (val_acc: validation-accuracy, lr: ignore)\n"
                    + "  --map         one such pair, for example --map val_acc=validation-accuracy\n"
                    + "  --path-template  what run folder names say, for example Exp_{index}_{optimizer}_{width}_{dropout}:\n"
                    + "                typed settings of each run; the fields that vary are the experiment's variables\n"
                    + "  --pending     submit for review instead of as accepted knowledge\n"
                    + "Exits with 0 when everything was imported, 1 when nothing could be, 2 when only part could"
                    + " (the problems name what was refused) or for a usage error.";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        ImportFormat format = null;
        String experiment = null;
        Map<String, String> mapping = new LinkedHashMap<>();
        List<String> pairs = new ArrayList<>();
        boolean pending = false;
        String template = null;
        List<ImportRequest.Source> sources = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--format" -> format = parseFormat(value(args, ++i, arg));
                case "--experiment" -> experiment = value(args, ++i, arg);
                case "--mapping" -> mapping.putAll(mappingFile(Path.of(value(args, ++i, arg))));
                case "--map" -> pairs.add(value(args, ++i, arg));
                case "--pending" -> pending = true;
                case "--path-template" -> template = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("Unknown option '" + arg + "'.");
                    }
                    Path path = Path.of(arg);
                    if (!Files.exists(path)) {
                        throw new UsageException("No such file or folder: " + arg);
                    }
                    sources.add(ImportRequest.Source.of(path));
                }
            }
        }
        if (sources.isEmpty()) {
            throw new UsageException("Give at least one folder, zip archive or log file to import.");
        }
        try {
            mapping.putAll(ObservableMapping.parsePairs(pairs));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ObservableMapping observables;
        try {
            observables = new ObservableMapping(mapping);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PathTemplate pathTemplate;
        try {
            pathTemplate = template == null ? null : PathTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ImportReport report = importer.run(
                new ImportRequest(
                        sources,
                        format,
                        experiment,
                        observables,
                        new AgentRef(properties.baseIri() + "agent/command-line", "command line"),
                        !pending,
                        null,
                        pathTemplate),
                new ProgressBar(err));
        out.print(report.describe());
        return exitStatus(report, out);
    }

    /** 0 when everything was imported, 1 when nothing was, 2 when the problems name what was refused. */
    static int exitStatus(ImportReport report, PrintStream out) {
        if (report.outcome() == ImportReport.Outcome.FAILED) {
            return 1;
        }
        if (!report.problems().isEmpty()) {
            out.println("Partly imported: " + report.problems().size()
                    + " problem(s) above; what they name was refused, the rest was imported.");
            return 2;
        }
        return 0;
    }

    private static ImportFormat parseFormat(String name) {
        try {
            return ImportFormat.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Map<String, String> mappingFile(Path file) {
        try {
            return ObservableMapping.parseFile(
                    file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new UsageException("Cannot read the mapping file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value.");
        }
        return args.get(index);
    }

    /** A one-line bar on standard error, redrawn when the percentage or the phase changes. */
    private static final class ProgressBar implements ImportProgress {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private String lastPhase = "";
        private long lastPercent = -1;

        ProgressBar(PrintStream err) {
            this.err = err;
        }

        @Override
        public void progress(String phase, long done, long total) {
            long percent = total <= 0 ? 100 : Math.min(100, done * 100 / total);
            if (percent == lastPercent && phase.equals(lastPhase)) {
                return;
            }
            if (!phase.equals(lastPhase) && !lastPhase.isEmpty()) {
                err.println();
            }
            lastPhase = phase;
            lastPercent = percent;
            int filled = (int) (percent * WIDTH / 100);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% " + phase);
            if (percent == 100) {
                err.println();
                lastPhase = "";
            }
            err.flush();
        }
    }
}
