package org.physicsofai.atlas.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of a sweep on disk, as an append-only journal of JSON lines ({@code journal.jsonl} in the
 * sweep's folder), each written and forced to disk before the step it records is taken further. A line
 * cut short by a crash is ignored. Reading the journal again gives every cell's state, so that a sweep
 * resumes after a crash or a restart without running a finished cell again.
 */
public final class SweepJournal {

    /** What has happened to a cell. */
    public enum CellState {
        /** Not started. */
        WAITING,
        /** Its process was started (and may still be running, or was killed with the Atlas). */
        STARTED,
        /** Its process ended and wrote its output. */
        FINISHED,
        /** Its output was imported, analysed and placed in the experiment. */
        IMPORTED,
        /** It failed (exit status, no output, over budget, unreadable output); its log says why. */
        FAILED,
        /** It was stopped by a cancel. */
        CANCELLED
    }

    /**
     * The last known state of one cell.
     *
     * @param pid the process id while it ran, or -1
     * @param processStart when that process started (to tell it from a later process with the same id)
     * @param run the imported run's IRI, or {@code null}
     * @param phase the detected phase, or {@code null}
     * @param reason why it failed, or {@code null}
     */
    public record CellRecord(
            String cell,
            CellState state,
            long pid,
            Instant processStart,
            Instant started,
            Instant ended,
            String run,
            String phase,
            String reason,
            int attempts) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;

    public SweepJournal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one event and forces it to disk. */
    public synchronized void append(String event, Map<String, Object> fields) {
        ObjectNode node = JSON.createObjectNode();
        node.put("event", event);
        node.put("at", Instant.now().toString());
        fields.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        byte[] line = (node.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(line));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sweep journal " + file.getFileName(), e);
        }
    }

    /** Every complete event, in order. */
    public List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(JSON.readTree(line));
                } catch (tools.jackson.core.JacksonException e) {
                    // a line cut short by a crash: the step it records was not taken
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sweep journal " + file.getFileName(), e);
        }
        return events;
    }

    /** The first event of a kind, or {@code null}. */
    public JsonNode first(String event) {
        return events().stream()
                .filter(e -> e.path("event").asString().equals(event))
                .findFirst()
                .orElse(null);
    }

    /** The last event of a kind, or {@code null}. */
    public JsonNode last(String event) {
        JsonNode found = null;
        for (JsonNode e : events()) {
            if (e.path("event").asString().equals(event)) {
                found = e;
            }
        }
        return found;
    }

    /** Every cell's state, from the events about cells, in the order of {@code cells}. */
    public Map<String, CellRecord> cells(List<String> cells) {
        Map<String, CellRecord> states = new LinkedHashMap<>();
        cells.forEach(
                c -> states.put(c, new CellRecord(c, CellState.WAITING, -1, null, null, null, null, null, null, 0)));
        for (JsonNode e : events()) {
            String cell = e.path("cell").asString(null);
            if (cell == null || !states.containsKey(cell)) {
                continue;
            }
            CellRecord r = states.get(cell);
            Instant at = Instant.parse(e.path("at").asString());
            CellRecord next = switch (e.path("event").asString()) {
                case "cell-started" ->
                    new CellRecord(
                            cell,
                            CellState.STARTED,
                            e.path("pid").asLong(-1),
                            e.hasNonNull("processStart")
                                    ? Instant.parse(e.get("processStart").asString())
                                    : null,
                            at,
                            null,
                            null,
                            null,
                            null,
                            r.attempts() + 1);
                case "cell-finished" ->
                    new CellRecord(cell, CellState.FINISHED, -1, null, r.started(), at, null, null, null, r.attempts());
                case "cell-imported" ->
                    new CellRecord(
                            cell,
                            CellState.IMPORTED,
                            -1,
                            null,
                            r.started(),
                            r.ended(),
                            e.path("run").asString(null),
                            e.path("phase").asString(null),
                            null,
                            r.attempts());
                case "cell-failed" ->
                    new CellRecord(
                            cell,
                            CellState.FAILED,
                            -1,
                            null,
                            r.started(),
                            r.ended() == null ? at : r.ended(),
                            null,
                            null,
                            e.path("reason").asString(null),
                            r.attempts());
                case "cell-cancelled" ->
                    new CellRecord(
                            cell, CellState.CANCELLED, -1, null, r.started(), at, null, null, null, r.attempts());
                case "cell-reset" ->
                    new CellRecord(cell, CellState.WAITING, -1, null, null, null, null, null, null, r.attempts());
                default -> r;
            };
            states.put(cell, next);
        }
        return states;
    }
}
