package org.physicsofai.atlas.importers.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.physicsofai.atlas.importers.ConfigValues;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.LenientYaml;
import org.physicsofai.atlas.importers.LogFileRef;
import org.physicsofai.atlas.importers.MetricData;
import org.physicsofai.atlas.importers.ReadContext;
import org.physicsofai.atlas.importers.RunData;
import org.physicsofai.atlas.importers.RunResult;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.importers.Utf8;
import org.physicsofai.atlas.importers.tensorboard.proto.Event;
import org.physicsofai.atlas.importers.tensorboard.proto.HParamsPluginData;
import org.physicsofai.atlas.importers.tensorboard.proto.SessionEndInfo;
import org.physicsofai.atlas.importers.tensorboard.proto.SessionStartInfo;
import org.physicsofai.atlas.importers.tensorboard.proto.Summary;
import org.physicsofai.atlas.importers.tensorboard.proto.TensorProto;
import org.physicsofai.atlas.series.SeriesData;

/**
 * Reads one TensorBoard run: the event files in a folder and in its sub-folders (Keras writes
 * {@code train/} and {@code validation/} side by side), which become one run whose series are
 * prefixed with the sub-folder's name. Scalars come as {@code simple_value} or as a one-element
 * {@code tensor} ({@code tensor_content} float32/float64, {@code float_val}, {@code double_val}); a
 * missing step is 0. The hyperparameter plugin's session values become the run's configuration
 * (after {@code hparams.yaml}), start and end time and status; {@code hp_metric} is a series like any
 * scalar. Graphs, images, histograms, audio and text are skipped and counted. A bad checksum or a truncated record leaves the whole run out.
 */
public final class TensorBoardReader {

    static final String EVENT_FILE = "events.out.tfevents.";
    private static final int DT_FLOAT = 1;
    private static final int DT_DOUBLE = 2;
    private static final int DT_INT32 = 3;
    private static final int DT_INT64 = 9;

    /** Whether a file is a TensorBoard event file (not the profiler's empty marker). */
    public static boolean isEventFile(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(EVENT_FILE) && !name.endsWith(".profile-empty");
    }

    public void read(Path runFolder, ReadContext context) throws IOException {
        RunResult result = new RunResult();
        // The run's identity is what the writer put on disk: the run folder's own name and the name of its
        // first event file in each split (time, host, process and writer id), never the route it came by.
        String folderName = context.folderName(runFolder);
        Scalars scalars = read(runFolder, folderName, context, result);
        if (!result.hasProblems()) {
            if (scalars.metrics().isEmpty()) {
                result.problem(context.name(runFolder), 0, "no scalar values in the event files");
            } else {
                result.run(new RunData(
                        "tb-" + Slugs.digest(scalars.identity(), 20),
                        folderName,
                        null,
                        scalars.session().status,
                        scalars.session().started,
                        scalars.session().ended,
                        scalars.config(),
                        scalars.metrics(),
                        scalars.files(),
                        null));
            }
        }
        result.addTo(context);
    }

    /**
     * What one TensorBoard run folder holds, read apart from any run so that another reader (MLflow's
     * artifacts) can merge it into its own.
     *
     * @param identity the folder's name and the first event file of each split
     * @param metrics every scalar series, prefixed with its split folder
     * @param files every file read
     * @param config {@code hparams.yaml}, then the session's hyperparameters it lacks
     * @param session the hyperparameter plugin's session values
     */
    public record Scalars(
            String identity,
            List<MetricData> metrics,
            List<LogFileRef> files,
            Map<String, Object> config,
            SessionHparams session) {}

    /** Reads a run folder's event files (and {@code hparams.yaml}); problems go to {@code result}. */
    public Scalars read(Path runFolder, String folderName, ReadContext context, RunResult result) throws IOException {
        Map<String, List<Path>> bySplit = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(runFolder, 2)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(TensorBoardReader::isEventFile)
                    .sorted()
                    .forEach(p -> {
                        Path parent = runFolder.relativize(p.getParent());
                        bySplit.computeIfAbsent(parent.toString().replace('\\', '/'), k -> new ArrayList<>())
                                .add(p);
                    });
        }
        Map<String, SeriesData.Builder> series = new LinkedHashMap<>();
        Map<String, LogFileRef> firstFile = new LinkedHashMap<>();
        List<LogFileRef> files = new ArrayList<>();
        StringBuilder identity = new StringBuilder(folderName);
        Counts counts = new Counts();
        SessionHparams hparams = new SessionHparams();
        for (Map.Entry<String, List<Path>> split : bySplit.entrySet()) {
            String prefix = split.getKey().isEmpty() ? "" : split.getKey() + "/";
            identity.append('\n').append(prefix).append(split.getValue().get(0).getFileName());
            for (Path file : split.getValue()) {
                byte[] bytes = Files.readAllBytes(file);
                LogFileRef ref = context.file(file, bytes, ImportFormat.TENSORBOARD);
                files.add(ref);
                try {
                    TfRecords.read(
                            bytes,
                            (number, data) -> event(number, data, prefix, ref, series, firstFile, counts, hparams));
                } catch (TfRecords.RecordProblem e) {
                    result.problem(ref.path(), e.record(), e.getMessage());
                }
            }
        }
        counts.report(result);
        Map<String, Object> config = new TreeMap<>();
        Path hparamsFile = runFolder.resolve("hparams.yaml");
        if (Files.isRegularFile(hparamsFile, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = Files.readAllBytes(hparamsFile);
            files.add(context.file(hparamsFile, bytes, ImportFormat.TENSORBOARD));
            try {
                if (LenientYaml.load(Utf8.decode(bytes, context.name(hparamsFile))) instanceof Map<?, ?> map) {
                    config.putAll(ConfigValues.flatten(map));
                }
            } catch (LenientYaml.YamlProblem e) {
                result.problem(context.name(hparamsFile), e.line(), e.getMessage());
            } catch (Utf8.Malformed e) {
                result.problem(e.file(), e.line(), e.getMessage());
            }
        }
        // The session's hyperparameters in the event files, where hparams.yaml (read as written) does not
        // already give them.
        hparams.values.forEach(config::putIfAbsent);
        if (!hparams.values.isEmpty()) {
            result.note("run " + folderName + ": " + hparams.values.size()
                    + " hyperparameters read from the TensorBoard session values (_hparams_/session_start_info)");
        }
        List<MetricData> metrics = new ArrayList<>();
        series.forEach((key, points) -> metrics.add(new MetricData(key, points.build(), firstFile.get(key))));
        return new Scalars(identity.toString(), metrics, files, config, hparams);
    }

    /**
     * What the hyperparameter plugin's session values say: the hyperparameters (as configuration), the
     * start and end time and the session's status.
     */
    public static final class SessionHparams {
        final Map<String, Object> values = new TreeMap<>();
        String status;
        java.time.Instant started;
        java.time.Instant ended;

        /** finished, failed or running as the session's end says, or {@code null}. */
        public String status() {
            return status;
        }

        /** Reads a session value; {@code false} for the experiment's description of the domains, not read. */
        boolean read(Summary.Value value, long record) throws TfRecords.RecordProblem {
            HParamsPluginData data;
            try {
                data = HParamsPluginData.parseFrom(
                        value.getMetadata().getPluginData().getContent());
            } catch (InvalidProtocolBufferException e) {
                throw new TfRecords.RecordProblem(
                        record, "the hyperparameter value " + value.getTag() + " is unreadable: " + e.getMessage());
            }
            switch (data.getDataCase()) {
                case SESSION_START_INFO -> {
                    SessionStartInfo start = data.getSessionStartInfo();
                    start.getHparamsMap().forEach((key, v) -> {
                        Object typed = switch (v.getKindCase()) {
                            case NUMBER_VALUE -> v.getNumberValue();
                            case STRING_VALUE -> v.getStringValue();
                            case BOOL_VALUE -> v.getBoolValue();
                            case NULL_VALUE, KIND_NOT_SET -> ConfigValues.NotSet.VALUE;
                            case STRUCT_VALUE, LIST_VALUE -> null;
                        };
                        if (typed != null) {
                            values.put(key, typed);
                        }
                    });
                    if (start.getStartTimeSecs() > 0) {
                        started = instant(start.getStartTimeSecs());
                    }
                }
                case SESSION_END_INFO -> {
                    SessionEndInfo end = data.getSessionEndInfo();
                    status = switch (end.getStatus()) {
                        case 1 -> "finished";
                        case 2 -> "failed";
                        case 3 -> "running";
                        default -> status;
                    };
                    if (end.getEndTimeSecs() > 0) {
                        ended = instant(end.getEndTimeSecs());
                    }
                }
                case EXPERIMENT, DATA_NOT_SET -> {
                    return false;
                }
            }
            return true;
        }

        private static java.time.Instant instant(double seconds) {
            return java.time.Instant.ofEpochMilli(Math.round(seconds * 1000));
        }
    }

    /** What was skipped, by kind. */
    private static final class Counts {
        int graphs;
        int experiments;
        int media;
        int text;
        int other;

        void report(RunResult result) {
            result.skip("TensorBoard graph and run-metadata events", graphs);
            result.skip("TensorBoard hyperparameter domain descriptions (_hparams_/experiment)", experiments);
            result.skip("TensorBoard image, histogram and audio values", media);
            result.skip("TensorBoard text and other non-scalar tensors", text);
            result.skip("TensorBoard session and log-message events", other);
        }
    }

    private static void event(
            long number,
            ByteBuffer data,
            String prefix,
            LogFileRef file,
            Map<String, SeriesData.Builder> series,
            Map<String, LogFileRef> firstFile,
            Counts counts,
            SessionHparams hparams)
            throws TfRecords.RecordProblem {
        Event event;
        try {
            event = Event.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new TfRecords.RecordProblem(number, "not an Event protocol buffer: " + e.getMessage());
        }
        switch (event.getWhatCase()) {
            case FILE_VERSION, WHAT_NOT_SET -> {}
            case GRAPH_DEF, META_GRAPH_DEF, TAGGED_RUN_METADATA -> counts.graphs++;
            case SESSION_LOG, LOG_MESSAGE -> counts.other++;
            case SUMMARY -> {
                for (Summary.Value value : event.getSummary().getValueList()) {
                    if (isHparams(value)) {
                        if (!hparams.read(value, number)) {
                            counts.experiments++;
                        }
                        continue;
                    }
                    Double scalar = scalar(value, counts);
                    if (scalar != null) {
                        String key = prefix + value.getTag();
                        series.computeIfAbsent(key, k -> new SeriesData.Builder())
                                .add(event.getStep(), scalar, event.getWallTime());
                        firstFile.putIfAbsent(key, file);
                    }
                }
            }
        }
    }

    /** A value of the hyperparameter plugin ({@code _hparams_/experiment}, session start and end). */
    private static boolean isHparams(Summary.Value value) {
        return value.getMetadata().getPluginData().getPluginName().equals("hparams")
                || value.getTag().startsWith("_hparams_/");
    }

    /** The scalar a summary value holds, or {@code null} (counted) if it holds something else. */
    static Double scalar(Summary.Value value, Counts counts) {
        String plugin = value.getMetadata().getPluginData().getPluginName();
        switch (value.getValueCase()) {
            case SIMPLE_VALUE -> {
                return (double) value.getSimpleValue();
            }
            case TENSOR -> {
                Double scalar = tensorScalar(value.getTensor());
                if (scalar == null) {
                    if (plugin.equals("images") || plugin.equals("histograms") || plugin.equals("audio")) {
                        counts.media++;
                    } else {
                        counts.text++;
                    }
                }
                return scalar;
            }
            case IMAGE, HISTO, AUDIO, OBSOLETE_OLD_STYLE_HISTOGRAM -> {
                counts.media++;
                return null;
            }
            default -> {
                counts.other++;
                return null;
            }
        }
    }

    private static Double tensorScalar(TensorProto t) {
        long elements = 1;
        for (var dim : t.getTensorShape().getDimList()) {
            elements *= dim.getSize();
        }
        if (elements != 1) {
            return null;
        }
        ByteBuffer content = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return switch (t.getDtype()) {
            case DT_FLOAT ->
                content.remaining() == 4
                        ? (double) content.getFloat()
                        : t.getFloatValCount() > 0 ? (double) t.getFloatVal(0) : null;
            case DT_DOUBLE ->
                content.remaining() == 8 ? content.getDouble() : t.getDoubleValCount() > 0 ? t.getDoubleVal(0) : null;
            case DT_INT32 ->
                content.remaining() == 4
                        ? (double) content.getInt()
                        : t.getIntValCount() > 0 ? (double) t.getIntVal(0) : null;
            case DT_INT64 ->
                content.remaining() == 8
                        ? (double) content.getLong()
                        : t.getInt64ValCount() > 0 ? (double) t.getInt64Val(0) : null;
            default -> null;
        };
    }
}
