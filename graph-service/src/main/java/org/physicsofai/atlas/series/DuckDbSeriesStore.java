package org.physicsofai.atlas.series;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded {@link SeriesStore}: a DuckDB database file. A series' points are stored in chunks
 * of {@value #CHUNK} consecutive points, one row per chunk with the steps, values and wall times
 * packed in a blob (so an import appends a few rows per series, not one per point, and a read copies
 * arrays instead of converting values one by one), together with the
 * lowest and highest step of the chunk so that the point at a step is found without reading the
 * others. Plots read the precomputed {@link Pyramid} levels: one row per series and level with the
 * points it keeps.
 *
 * <p>Reads reuse a few idle connections with their prepared statements, so a plot costs a handful
 * of small queries and no connection or statement set-up. A write reads the catalogue of series
 * once and appends chunks, levels and catalogue rows through DuckDB's appender: no SQL statement
 * per series unless a series already stored must be replaced or extended.
 *
 * <p>A database written by the first version of this store (a row per point and per pyramid block)
 * is converted in one transaction when it is opened.
 */
public final class DuckDbSeriesStore implements SeriesStore {

    /** Points per stored chunk. */
    static final int CHUNK = 4096;

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS series (id INTEGER NOT NULL, iri VARCHAR NOT NULL, size BIGINT NOT NULL, hash VARCHAR NOT NULL);
            CREATE TABLE IF NOT EXISTS chunks (series INTEGER NOT NULL, chunk INTEGER NOT NULL, lo_step BIGINT NOT NULL, hi_step BIGINT NOT NULL,
                points BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS levels (series INTEGER NOT NULL, level TINYINT NOT NULL,
                idx BLOB NOT NULL, points BLOB NOT NULL);
            """;

    /** Idle read connections kept for reuse; more may be open while many reads run at once. */
    private static final int IDLE_READERS = 4;

    private final DuckDBConnection root;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentLinkedDeque<Reader> readers = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** Opens (or creates) the database file {@code file}; its folder is created if missing. */
    public DuckDbSeriesStore(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement s = root.createStatement()) {
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
                }
            }
            convertFirstVersion();
        } catch (Exception e) {
            throw new SeriesStoreException(
                    "Cannot open the series store " + file + " (is another Atlas process using it?): " + e.getMessage(),
                    e);
        }
    }

    /** Rewrites the points of a first-version database (a row per point) as chunks and levels. */
    private void convertFirstVersion() throws SQLException {
        boolean old;
        try (Statement s = root.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema = 'main' AND table_name = 'points'")) {
            old = r.next() && r.getLong(1) > 0;
        }
        if (!old) {
            return;
        }
        writeLock.lock();
        try (Write write = new Write(root.duplicate())) {
            write.convert();
            write.commit();
        }
    }

    @Override
    public SeriesWrite begin() {
        writeLock.lock();
        try {
            return new Write(root.duplicate());
        } catch (SQLException | RuntimeException e) {
            writeLock.unlock();
            throw new SeriesStoreException("Cannot start a write to the series store: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Long> size(String seriesIri) {
        return read(r -> r.find(seriesIri).map(Stored::size));
    }

    @Override
    public Optional<SeriesData> points(String seriesIri) {
        return read(r -> {
            Optional<Stored> stored = r.find(seriesIri);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(r.points(stored.get()));
        });
    }

    @Override
    public Optional<SeriesData> downsample(String seriesIri, int maxPoints, Collection<Long> keepSteps) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4 (first, last, lowest and highest point)");
        }
        return read(r -> {
            Optional<Stored> found = r.find(seriesIri);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Stored stored = found.get();
            if (stored.size() <= maxPoints) {
                return Optional.of(r.points(stored));
            }
            TreeMap<Integer, Point> kept = new TreeMap<>();
            r.level(stored.id(), Pyramid.EXTREMES_LEVEL, kept);
            for (long step : keepSteps.stream().distinct().sorted().toList()) {
                r.nearest(stored, step, kept);
            }
            int level = Pyramid.levelFor(stored.size(), maxPoints - kept.size());
            if (level >= 0) {
                r.level(stored.id(), level, kept);
            }
            SeriesData.Builder out = new SeriesData.Builder(kept.size());
            kept.values().forEach(p -> out.add(p.step(), p.value(), p.wallTime()));
            return Optional.of(out.build());
        });
    }

    @Override
    public void close() {
        closed = true;
        for (Reader r = readers.poll(); r != null; r = readers.poll()) {
            r.close();
        }
        try {
            root.close();
        } catch (SQLException e) {
            throw new SeriesStoreException("Cannot close the series store: " + e.getMessage(), e);
        }
    }

    // ---- reads ----

    private record Stored(int id, long size, String hash) {}

    private record Point(long step, double value, double wallTime) {}

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Reader reader) throws SQLException;
    }

    private <T> T read(SqlWork<T> work) {
        Reader reader = readers.poll();
        try {
            if (reader == null) {
                reader = new Reader(root.duplicate());
            }
            T result = work.run(reader);
            if (closed || readers.size() >= IDLE_READERS) {
                reader.close();
            } else {
                readers.push(reader);
            }
            return result;
        } catch (SQLException e) {
            if (reader != null) {
                reader.close();
            }
            throw new SeriesStoreException("Cannot read the series store: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (reader != null) {
                reader.close();
            }
            throw e;
        }
    }

    /** A read connection with its statements prepared once; used by one thread at a time. */
    private static final class Reader {
        private final Connection connection;
        private PreparedStatement find;
        private PreparedStatement points;
        private PreparedStatement levels;
        private PreparedStatement atStep;

        Reader(Connection connection) {
            this.connection = connection;
        }

        Optional<Stored> find(String iri) throws SQLException {
            if (find == null) {
                find = connection.prepareStatement("SELECT id, size, hash FROM series WHERE iri = ?");
            }
            find.setString(1, iri);
            try (ResultSet r = find.executeQuery()) {
                return r.next() ? Optional.of(new Stored(r.getInt(1), r.getLong(2), r.getString(3))) : Optional.empty();
            }
        }

        SeriesData points(Stored stored) throws SQLException {
            if (points == null) {
                points = connection.prepareStatement("SELECT points FROM chunks WHERE series = ? ORDER BY chunk");
            }
            SeriesData.Builder out = new SeriesData.Builder((int) stored.size());
            points.setInt(1, stored.id());
            try (ResultSet r = points.executeQuery()) {
                while (r.next()) {
                    Packed chunk = Packed.of(r.getBytes(1));
                    for (int i = 0; i < chunk.steps().length; i++) {
                        out.add(chunk.steps()[i], chunk.values()[i], chunk.walls()[i]);
                    }
                }
            }
            return out.build();
        }

        /** Adds the points a pyramid level keeps, by index. */
        void level(int series, int level, TreeMap<Integer, Point> kept) throws SQLException {
            if (levels == null) {
                levels = connection.prepareStatement("SELECT idx, points FROM levels WHERE series = ? AND level = ?");
            }
            levels.setInt(1, series);
            levels.setInt(2, level);
            try (ResultSet r = levels.executeQuery()) {
                while (r.next()) {
                    int[] idx = Packed.ints(r.getBytes(1));
                    Packed points = Packed.of(r.getBytes(2));
                    for (int i = 0; i < idx.length; i++) {
                        kept.put(idx[i], new Point(points.steps()[i], points.values()[i], points.walls()[i]));
                    }
                }
            }
        }

        /**
         * The first point at an event's step, found in the chunks whose step range holds it; else
         * the point nearest to it (the first one on ties).
         */
        void nearest(Stored stored, long step, TreeMap<Integer, Point> kept) throws SQLException {
            if (atStep == null) {
                atStep = connection.prepareStatement("SELECT chunk, points FROM chunks"
                        + " WHERE series = ? AND lo_step <= ? AND hi_step >= ? ORDER BY chunk");
            }
            atStep.setInt(1, stored.id());
            atStep.setLong(2, step);
            atStep.setLong(3, step);
            try (ResultSet r = atStep.executeQuery()) {
                while (r.next()) {
                    Packed chunk = Packed.of(r.getBytes(2));
                    for (int i = 0; i < chunk.steps().length; i++) {
                        if (chunk.steps()[i] == step) {
                            kept.put(r.getInt(1) * CHUNK + i, new Point(step, chunk.values()[i], chunk.walls()[i]));
                            return;
                        }
                    }
                }
            }
            SeriesData all = points(stored);
            int best = -1;
            for (int i = 0; i < all.size(); i++) {
                if (best < 0 || Math.abs(all.step(i) - step) < Math.abs(all.step(best) - step)) {
                    best = i;
                }
            }
            if (best >= 0) {
                kept.put(best, new Point(all.step(best), all.value(best), all.wallTime(best)));
            }
        }

        void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                // A duplicate connection; the database stays open through the root connection.
            }
        }
    }

    /** Points packed in a blob: the steps, then the values' bits, then the wall times' bits, little-endian. */
    record Packed(long[] steps, double[] values, double[] walls) {

        static byte[] pack(long[] steps, double[] values, double[] walls, int from, int to) {
            int n = to - from;
            ByteBuffer b = ByteBuffer.allocate(24 * n).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(steps, from, n);
            b.position(8 * n);
            b.asDoubleBuffer().put(values, from, n);
            b.position(16 * n);
            b.asDoubleBuffer().put(walls, from, n);
            return b.array();
        }

        static Packed of(byte[] blob) {
            int n = blob.length / 24;
            ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
            long[] steps = new long[n];
            double[] values = new double[n];
            double[] walls = new double[n];
            b.asLongBuffer().get(steps);
            b.position(8 * n);
            b.asDoubleBuffer().get(values);
            b.position(16 * n);
            b.asDoubleBuffer().get(walls);
            return new Packed(steps, values, walls);
        }

        static byte[] packInts(int[] values) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(values);
            return b.array();
        }

        static int[] ints(byte[] blob) {
            int[] out = new int[blob.length / 4];
            ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
            return out;
        }
    }

    // ---- writes ----

    private final class Write implements SeriesWrite {
        private final DuckDBConnection connection;
        private DuckDBAppender chunks;
        private DuckDBAppender levels;
        private DuckDBAppender catalogue;
        /** The series as this write sees them, read once at its first use. */
        private Map<String, Stored> stored;

        private int nextId;
        private boolean done;

        Write(DuckDBConnection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            // The appenders join the transaction only once a statement has started it.
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT 1");
            }
        }

        @Override
        public SeriesChange put(String seriesIri, SeriesData data) {
            if (done) {
                throw new IllegalStateException("This write is finished");
            }
            try {
                Stored old = catalogue().get(seriesIri);
                if (old == null) {
                    insert(nextId++, seriesIri, data, 0);
                    return SeriesChange.CREATED;
                }
                if (old.size() <= data.size() && old.hash().equals(hash(data.prefix((int) old.size())))) {
                    if (old.size() == data.size()) {
                        return SeriesChange.UNCHANGED;
                    }
                    // Only the last, partly filled chunk and what follows it are written again.
                    int firstChunk = (int) (old.size() / CHUNK);
                    delete(old.id(), firstChunk);
                    insert(old.id(), seriesIri, data, firstChunk);
                    return SeriesChange.APPENDED;
                }
                delete(old.id(), 0);
                insert(old.id(), seriesIri, data, 0);
                return SeriesChange.REPLACED;
            } catch (SQLException e) {
                throw new SeriesStoreException("Cannot store " + seriesIri + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Optional<Long> size(String seriesIri) {
            try {
                return Optional.ofNullable(catalogue().get(seriesIri)).map(Stored::size);
            } catch (SQLException e) {
                throw new SeriesStoreException("Cannot read the series store: " + e.getMessage(), e);
            }
        }

        private Map<String, Stored> catalogue() throws SQLException {
            if (stored == null) {
                Map<String, Stored> all = new HashMap<>();
                int max = 0;
                try (Statement s = connection.createStatement();
                        ResultSet r = s.executeQuery("SELECT id, iri, size, hash FROM series")) {
                    while (r.next()) {
                        Stored row = new Stored(r.getInt(1), r.getLong(3), r.getString(4));
                        all.put(r.getString(2), row);
                        max = Math.max(max, row.id());
                    }
                }
                stored = all;
                nextId = max + 1;
            }
            return stored;
        }

        /** Removes a series' catalogue row, its levels and its chunks from {@code firstChunk} on. */
        private void delete(int id, int firstChunk) throws SQLException {
            flush();
            for (String sql : new String[] {
                "DELETE FROM series WHERE id = ?",
                "DELETE FROM levels WHERE series = ?",
                "DELETE FROM chunks WHERE series = ? AND chunk >= ?"
            }) {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    ps.setInt(1, id);
                    if (sql.contains("chunk >=")) {
                        ps.setInt(2, firstChunk);
                    }
                    ps.executeUpdate();
                }
            }
        }

        /** Writes the chunks from {@code firstChunk} on, every pyramid level and the catalogue row. */
        private void insert(int id, String iri, SeriesData data, int firstChunk) throws SQLException {
            if (chunks == null) {
                chunks = connection.createAppender("main", "chunks");
                levels = connection.createAppender("main", "levels");
                catalogue = connection.createAppender("main", "series");
            }
            long[] steps = data.steps();
            double[] values = data.values();
            double[] walls = data.wallTimes();
            int n = data.size();
            for (int chunk = firstChunk; (long) chunk * CHUNK < n; chunk++) {
                int from = chunk * CHUNK;
                int to = Math.min(n, from + CHUNK);
                long lo = steps[from];
                long hi = steps[from];
                for (int i = from + 1; i < to; i++) {
                    lo = Math.min(lo, steps[i]);
                    hi = Math.max(hi, steps[i]);
                }
                chunks.beginRow()
                        .append(id)
                        .append(chunk)
                        .append(lo)
                        .append(hi)
                        .append(Packed.pack(steps, values, walls, from, to))
                        .endRow();
            }
            LevelRows rows = new LevelRows();
            Pyramid.compute(data, rows::block);
            for (Map.Entry<Integer, IntList> level : rows.levels.entrySet()) {
                int[] idx = level.getValue().toArray();
                long[] s = new long[idx.length];
                double[] v = new double[idx.length];
                double[] w = new double[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    s[i] = steps[idx[i]];
                    v[i] = values[idx[i]];
                    w[i] = walls[idx[i]];
                }
                levels.beginRow()
                        .append(id)
                        .append((byte) (int) level.getKey())
                        .append(Packed.packInts(idx))
                        .append(Packed.pack(s, v, w, 0, idx.length))
                        .endRow();
            }
            String hash = hash(data);
            catalogue
                    .beginRow()
                    .append(id)
                    .append(iri)
                    .append((long) n)
                    .append(hash)
                    .endRow();
            catalogue().put(iri, new Stored(id, n, hash));
        }

        /** Converts a first-version database: its points become chunks and levels, then its tables go. */
        void convert() throws SQLException {
            Map<Integer, String> iris = new TreeMap<>();
            try (Statement s = connection.createStatement();
                    ResultSet r = s.executeQuery("SELECT id, iri FROM series")) {
                while (r.next()) {
                    iris.put(r.getInt(1), r.getString(2));
                }
            }
            try (Statement s = connection.createStatement()) {
                s.execute("DELETE FROM series");
            }
            stored = new HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT step, value, wall_time FROM points WHERE series = ? ORDER BY idx")) {
                for (Map.Entry<Integer, String> series : iris.entrySet()) {
                    ps.setInt(1, series.getKey());
                    SeriesData.Builder points = new SeriesData.Builder();
                    try (ResultSet r = ps.executeQuery()) {
                        while (r.next()) {
                            points.add(r.getLong(1), r.getDouble(2), r.getDouble(3));
                        }
                    }
                    insert(series.getKey(), series.getValue(), points.build(), 0);
                }
            }
            flush();
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE points");
                s.execute("DROP TABLE IF EXISTS blocks");
            }
        }

        private void flush() throws SQLException {
            if (chunks != null) {
                chunks.flush();
                levels.flush();
                catalogue.flush();
            }
        }

        private void closeAppenders() throws SQLException {
            if (chunks != null) {
                chunks.close();
                levels.close();
                catalogue.close();
                chunks = null;
                levels = null;
                catalogue = null;
            }
        }

        @Override
        public void commit() {
            if (done) {
                throw new IllegalStateException("This write is finished");
            }
            try {
                closeAppenders();
                connection.commit();
                done = true;
            } catch (SQLException e) {
                throw new SeriesStoreException("Cannot commit to the series store: " + e.getMessage(), e);
            } finally {
                if (done) {
                    finish();
                }
            }
        }

        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                closeAppenders();
                connection.rollback();
            } catch (SQLException e) {
                throw new SeriesStoreException("Cannot undo a write to the series store: " + e.getMessage(), e);
            } finally {
                finish();
            }
        }

        private void finish() {
            try {
                connection.close();
            } catch (SQLException e) {
                // The connection is a duplicate; the database stays open through the root connection.
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** The points each pyramid level keeps, by index in ascending order (a block's lowest and highest). */
    private static final class LevelRows {
        final Map<Integer, IntList> levels = new TreeMap<>();

        void block(int level, int block, int low, int high) {
            IntList kept = levels.computeIfAbsent(level, l -> new IntList());
            int first = Math.min(low, high);
            int second = Math.max(low, high);
            if (level == Pyramid.EXTREMES_LEVEL) {
                // Block 0 holds the first and last points, block 1 the lowest and highest: merge them.
                kept.addSorted(first);
                kept.addSorted(second);
                return;
            }
            kept.add(first);
            if (second != first) {
                kept.add(second);
            }
        }
    }

    /** A growable list of ints. */
    private static final class IntList {
        private int[] items = new int[16];
        private int size;

        void add(int value) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = value;
        }

        /** Inserts a value in order unless present; for the few points of the extremes level. */
        void addSorted(int value) {
            int at = Arrays.binarySearch(items, 0, size, value);
            if (at >= 0) {
                return;
            }
            add(value);
            int position = -at - 1;
            System.arraycopy(items, position, items, position + 1, size - 1 - position);
            items[position] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }

    /** SHA-256 of the points (step, value bits, wall-time bits, little-endian), to recognise a prefix. */
    static String hash(SeriesData data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(24 * 1024).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < data.size(); i++) {
                if (buffer.remaining() < 24) {
                    digest.update(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putLong(data.steps()[i]);
                buffer.putLong(Double.doubleToLongBits(data.values()[i]));
                buffer.putLong(Double.doubleToLongBits(data.wallTimes()[i]));
            }
            digest.update(buffer.array(), 0, buffer.position());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
