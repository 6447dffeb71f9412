package org.physicsofai.atlas.series;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

/**
 * The embedded {@link SeriesStore}: a DuckDB database file. Points sit in one table clustered by
 * series (each import appends a series' points together), so a series is read through DuckDB's
 * zone maps without scanning the others; plots of long series read the precomputed {@link Pyramid}
 * blocks, plots of short ones are computed from their points.
 *
 * <p>Reads reuse a few idle connections with their prepared statements, so a plot costs a handful
 * of small queries and no connection or statement set-up. A write reads the catalogue of series
 * once and appends blocks and catalogue rows through DuckDB's appender; its points are inserted
 * with one statement per batch of about a million, which reads them through a table function of
 * this store (DuckDB's appender flushes every 2,048 rows, which costs more than the vectorised
 * insert). No SQL statement per series unless a series already stored must be replaced or extended.
 */
public final class DuckDbSeriesStore implements SeriesStore {

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS series (id INTEGER NOT NULL, iri VARCHAR NOT NULL, size BIGINT NOT NULL, hash VARCHAR NOT NULL);
            ALTER TABLE series ADD COLUMN IF NOT EXISTS contribution VARCHAR;
            CREATE TABLE IF NOT EXISTS imports (contribution VARCHAR NOT NULL, follow_up VARCHAR, published BOOLEAN NOT NULL);
            CREATE TABLE IF NOT EXISTS points (series INTEGER NOT NULL, idx INTEGER NOT NULL, step BIGINT NOT NULL, value DOUBLE NOT NULL, wall_time DOUBLE NOT NULL);
            CREATE TABLE IF NOT EXISTS blocks (series INTEGER NOT NULL, level TINYINT NOT NULL, block INTEGER NOT NULL,
                lo_idx INTEGER NOT NULL, lo_step BIGINT NOT NULL, lo_value DOUBLE NOT NULL, lo_wall DOUBLE NOT NULL,
                hi_idx INTEGER NOT NULL, hi_step BIGINT NOT NULL, hi_value DOUBLE NOT NULL, hi_wall DOUBLE NOT NULL);
            """;

    /** Idle read connections kept for reuse; more may be open while many reads run at once. */
    private static final int IDLE_READERS = 4;

    /** Numbers the table functions of the stores open in this process, whose databases may be shared. */
    private static final AtomicLong FUNCTIONS = new AtomicLong();

    /** Points are inserted with one statement per this many points at least (or per write, if fewer). */
    private static final int INSERT_BATCH = 1 << 20;

    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** A buffer of 1,024 points per thread for {@link #hash}. */
    private static final ThreadLocal<byte[]> HASH_BUFFER = ThreadLocal.withInitial(() -> new byte[24 * 1024]);

    private final DuckDBConnection root;
    /** The name of the table function through which writes insert their points. */
    private final String pointsFunction;
    /** Points waiting to be inserted, by the number given to the table function. */
    private final Map<Long, List<Segment>> pendingPoints = new ConcurrentHashMap<>();

    private final AtomicLong batches = new AtomicLong();
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
            pointsFunction = "atlas_points_" + FUNCTIONS.incrementAndGet();
            DuckDBFunctions.tableFunction()
                    .withName(pointsFunction)
                    .withParameter(DuckDBColumnType.BIGINT)
                    .withFunction(new PendingPointsFunction())
                    .register(root);
        } catch (Exception e) {
            throw new SeriesStoreException(
                    "Cannot open the series store " + file + " (is another Atlas process using it?): " + e.getMessage(),
                    e);
        }
    }

    @Override
    public SeriesWrite begin() {
        return begin(null, null);
    }

    @Override
    public SeriesWrite stage(String contribution, String followUp) {
        return begin(java.util.Objects.requireNonNull(contribution, "contribution"), followUp);
    }

    private SeriesWrite begin(String contribution, String followUp) {
        writeLock.lock();
        try {
            return new Write(root.duplicate(), contribution, followUp);
        } catch (SQLException | RuntimeException e) {
            writeLock.unlock();
            throw new SeriesStoreException("Cannot start a write to the series store: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean publish(String contribution) {
        if (!inJournal(contribution)) {
            // Most accepted contributions are no imports: no write, no lock.
            return false;
        }
        return journal(contribution, c -> {
            boolean staged;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM series WHERE contribution = ?")) {
                ps.setString(1, contribution);
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    staged = r.getLong(1) > 0;
                }
            }
            if (staged) {
                // The accepted versions of the staged series go, then the staged ones become accepted.
                String replaced = "SELECT a.id FROM series a JOIN series s ON a.iri = s.iri"
                        + " WHERE a.contribution IS NULL AND s.contribution = ?";
                update(c, "DELETE FROM points WHERE series IN (" + replaced + ")", contribution);
                update(c, "DELETE FROM blocks WHERE series IN (" + replaced + ")", contribution);
                update(c, "DELETE FROM series WHERE id IN (" + replaced + ")", contribution);
                update(c, "UPDATE series SET contribution = NULL WHERE contribution = ?", contribution);
            }
            update(c, "DELETE FROM imports WHERE contribution = ? AND follow_up IS NULL", contribution);
            update(c, "UPDATE imports SET published = true WHERE contribution = ?", contribution);
            return staged;
        });
    }

    @Override
    public boolean discard(String contribution) {
        return journal(contribution, c -> {
            String staged = "SELECT id FROM series WHERE contribution = ?";
            update(c, "DELETE FROM points WHERE series IN (" + staged + ")", contribution);
            update(c, "DELETE FROM blocks WHERE series IN (" + staged + ")", contribution);
            int series = update(c, "DELETE FROM series WHERE contribution = ?", contribution);
            int entries = update(c, "DELETE FROM imports WHERE contribution = ?", contribution);
            return series + entries > 0;
        });
    }

    @Override
    public void done(String contribution) {
        journal(contribution, c -> update(c, "DELETE FROM imports WHERE contribution = ?", contribution));
    }

    @Override
    public List<Staged> staged() {
        return read(r -> {
            Map<String, Staged> found = new java.util.LinkedHashMap<>();
            try (Statement s = r.connection.createStatement();
                    ResultSet rows = s.executeQuery("SELECT contribution, follow_up, published FROM imports"
                            + " UNION ALL SELECT DISTINCT contribution, NULL, false FROM series"
                            + " WHERE contribution IS NOT NULL ORDER BY 1, 3 DESC, 2 NULLS LAST")) {
                while (rows.next()) {
                    found.putIfAbsent(
                            rows.getString(1), new Staged(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
                }
            }
            return List.copyOf(found.values());
        });
    }

    /** Whether the journal names a contribution (its entry commits with its staged points). */
    private boolean inJournal(String contribution) {
        return read(r -> {
            try (PreparedStatement ps =
                    r.connection.prepareStatement("SELECT count(*) FROM imports WHERE contribution = ?")) {
                ps.setString(1, contribution);
                try (ResultSet rows = ps.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) > 0;
                }
            }
        });
    }

    @FunctionalInterface
    private interface JournalWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs one change to a contribution's staged series and journal entry in one transaction. */
    private <T> T journal(String contribution, JournalWork<T> work) {
        writeLock.lock();
        try (Connection c = root.duplicate()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SeriesStoreException(
                    "Cannot change the series of " + contribution + " in the series store: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private static int update(Connection c, String sql, String contribution) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, contribution);
            return ps.executeUpdate();
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
    public Optional<SeriesData> points(String seriesIri, String contribution) {
        return read(r -> {
            Optional<Stored> stored = r.findStaged(seriesIri, contribution).or(() -> {
                try {
                    return r.find(seriesIri);
                } catch (SQLException e) {
                    throw new SeriesStoreException("Cannot read the series store: " + e.getMessage(), e);
                }
            });
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
            if (stored.size() <= Pyramid.STORED_ABOVE) {
                return Optional.of(Pyramid.plot(r.points(stored), maxPoints, keepSteps));
            }
            TreeMap<Integer, Point> kept = new TreeMap<>();
            r.blocks(stored.id(), Pyramid.EXTREMES_LEVEL, kept);
            for (long step : keepSteps.stream().distinct().sorted().toList()) {
                r.nearest(stored.id(), step, kept);
            }
            int level = Pyramid.levelFor(stored.size(), maxPoints - kept.size());
            if (level >= 0) {
                r.blocks(stored.id(), level, kept);
            }
            SeriesData.Builder out = new SeriesData.Builder(kept.size());
            kept.values().forEach(p -> out.add(p.step(), p.value(), p.wallTime()));
            return Optional.of(out.build());
        });
    }

    @Override
    public java.util.List<String> seriesIris() {
        return read(r -> {
            java.util.List<String> iris = new java.util.ArrayList<>();
            try (Statement s = r.connection.createStatement();
                    ResultSet rows = s.executeQuery("SELECT iri FROM series WHERE contribution IS NULL ORDER BY iri")) {
                while (rows.next()) {
                    iris.add(rows.getString(1));
                }
            }
            return iris;
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
        private PreparedStatement findStaged;
        private PreparedStatement points;
        private PreparedStatement blocks;
        private PreparedStatement atStep;
        private PreparedStatement nearStep;

        Reader(Connection connection) {
            this.connection = connection;
        }

        Optional<Stored> find(String iri) throws SQLException {
            if (find == null) {
                find = connection.prepareStatement(
                        "SELECT id, size, hash FROM series WHERE iri = ? AND contribution IS NULL");
            }
            find.setString(1, iri);
            try (ResultSet r = find.executeQuery()) {
                return r.next() ? Optional.of(new Stored(r.getInt(1), r.getLong(2), r.getString(3))) : Optional.empty();
            }
        }

        /** A series as a contribution staged it, if it did. */
        Optional<Stored> findStaged(String iri, String contribution) throws SQLException {
            if (findStaged == null) {
                findStaged = connection.prepareStatement(
                        "SELECT id, size, hash FROM series WHERE iri = ? AND contribution = ?");
            }
            findStaged.setString(1, iri);
            findStaged.setString(2, contribution);
            try (ResultSet r = findStaged.executeQuery()) {
                return r.next() ? Optional.of(new Stored(r.getInt(1), r.getLong(2), r.getString(3))) : Optional.empty();
            }
        }

        SeriesData points(Stored stored) throws SQLException {
            if (points == null) {
                points = connection.prepareStatement(
                        "SELECT step, value, wall_time FROM points WHERE series = ? ORDER BY idx");
            }
            SeriesData.Builder out = new SeriesData.Builder((int) stored.size());
            points.setInt(1, stored.id());
            try (ResultSet r = points.executeQuery()) {
                while (r.next()) {
                    out.add(r.getLong(1), r.getDouble(2), r.getDouble(3));
                }
            }
            return out.build();
        }

        void blocks(int series, int level, TreeMap<Integer, Point> kept) throws SQLException {
            if (blocks == null) {
                blocks = connection.prepareStatement("SELECT lo_idx, lo_step, lo_value, lo_wall, hi_idx, hi_step,"
                        + " hi_value, hi_wall FROM blocks WHERE series = ? AND level = ?");
            }
            blocks.setInt(1, series);
            blocks.setInt(2, level);
            try (ResultSet r = blocks.executeQuery()) {
                while (r.next()) {
                    kept.put(r.getInt(1), new Point(r.getLong(2), r.getDouble(3), r.getDouble(4)));
                    kept.put(r.getInt(5), new Point(r.getLong(6), r.getDouble(7), r.getDouble(8)));
                }
            }
        }

        /** The point at an event's step (found through the zone maps on step), else the nearest one. */
        void nearest(int series, long step, TreeMap<Integer, Point> kept) throws SQLException {
            if (atStep == null) {
                atStep = connection.prepareStatement("SELECT idx, step, value, wall_time FROM points"
                        + " WHERE series = ? AND step = ? ORDER BY idx LIMIT 1");
            }
            atStep.setInt(1, series);
            atStep.setLong(2, step);
            try (ResultSet r = atStep.executeQuery()) {
                if (r.next()) {
                    kept.put(r.getInt(1), new Point(r.getLong(2), r.getDouble(3), r.getDouble(4)));
                    return;
                }
            }
            if (nearStep == null) {
                nearStep = connection.prepareStatement("SELECT idx, step, value, wall_time FROM points"
                        + " WHERE series = ? ORDER BY abs(step - ?), idx LIMIT 1");
            }
            nearStep.setInt(1, series);
            nearStep.setLong(2, step);
            try (ResultSet r = nearStep.executeQuery()) {
                if (r.next()) {
                    kept.put(r.getInt(1), new Point(r.getLong(2), r.getDouble(3), r.getDouble(4)));
                }
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

    // ---- writes ----

    private final class Write implements SeriesWrite {
        private final DuckDBConnection connection;
        /** The contribution whose series this write stages, or {@code null} for accepted series. */
        private final String contribution;

        private DuckDBAppender blocks;
        private DuckDBAppender catalogue;
        /** The accepted series as this write sees them, read once at its first use. */
        private Map<String, Stored> stored;
        /** The series this write staged, when it stages. */
        private final Map<String, Stored> staged = new HashMap<>();

        private int nextId;
        private boolean done;
        /** Points put but not yet inserted, and how many. */
        private List<Segment> pending = new ArrayList<>();

        private long pendingSize;
        private PreparedStatement insertPoints;

        Write(DuckDBConnection connection, String contribution, String followUp) throws SQLException {
            this.connection = connection;
            this.contribution = contribution;
            connection.setAutoCommit(false);
            // The appenders join the transaction only once a statement has started it.
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT 1");
            }
            if (contribution != null) {
                // The journal entry commits with the staged points: start-up finds it if the process dies.
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO imports VALUES (?, ?, false)")) {
                    ps.setString(1, contribution);
                    ps.setString(2, followUp);
                    ps.executeUpdate();
                }
            }
        }

        @Override
        public SeriesChange put(String seriesIri, SeriesData data) {
            if (done) {
                throw new IllegalStateException("This write is finished");
            }
            try {
                Stored old = catalogue().get(seriesIri);
                if (contribution != null) {
                    return stage(seriesIri, data, old);
                }
                if (old == null) {
                    insert(nextId++, seriesIri, data, 0);
                    return SeriesChange.CREATED;
                }
                if (old.size() <= data.size() && old.hash().equals(hash(data.prefix((int) old.size())))) {
                    if (old.size() == data.size()) {
                        return SeriesChange.UNCHANGED;
                    }
                    delete(old.id(), false);
                    insert(old.id(), seriesIri, data, (int) old.size());
                    return SeriesChange.APPENDED;
                }
                delete(old.id(), true);
                insert(old.id(), seriesIri, data, 0);
                return SeriesChange.REPLACED;
            } catch (SQLException e) {
                throw new SeriesStoreException("Cannot store " + seriesIri + ": " + e.getMessage(), e);
            }
        }

        /**
         * Stores a series apart under the contribution, whole, unless the accepted one holds the same
         * points; says how it differs from the accepted one.
         */
        private SeriesChange stage(String seriesIri, SeriesData data, Stored accepted) throws SQLException {
            Stored before = staged.get(seriesIri);
            if (before != null) {
                delete(before.id(), true);
                staged.remove(seriesIri);
            }
            if (accepted == null) {
                insert(nextId++, seriesIri, data, 0);
                return SeriesChange.CREATED;
            }
            boolean prefix =
                    accepted.size() <= data.size() && accepted.hash().equals(hash(data.prefix((int) accepted.size())));
            if (prefix && accepted.size() == data.size()) {
                return SeriesChange.UNCHANGED;
            }
            insert(nextId++, seriesIri, data, 0);
            return prefix ? SeriesChange.APPENDED : SeriesChange.REPLACED;
        }

        @Override
        public Optional<Long> size(String seriesIri) {
            try {
                Stored here = staged.get(seriesIri);
                if (here != null) {
                    return Optional.of(here.size());
                }
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
                        ResultSet r = s.executeQuery("SELECT id, iri, size, hash, contribution FROM series")) {
                    while (r.next()) {
                        Stored row = new Stored(r.getInt(1), r.getLong(3), r.getString(4));
                        if (r.getString(5) == null) {
                            all.put(r.getString(2), row);
                        }
                        max = Math.max(max, row.id());
                    }
                }
                stored = all;
                nextId = max + 1;
            }
            return stored;
        }

        /** Removes a series' blocks and row, and its points too unless only new points follow. */
        private void delete(int id, boolean withPoints) throws SQLException {
            flush();
            for (String table :
                    withPoints ? new String[] {"series", "blocks", "points"} : new String[] {"series", "blocks"}) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE " + (table.equals("series") ? "id" : "series") + " = ?")) {
                    ps.setInt(1, id);
                    ps.executeUpdate();
                }
            }
        }

        private void insert(int id, String iri, SeriesData data, int from) throws SQLException {
            if (blocks == null) {
                blocks = connection.createAppender("main", "blocks");
                catalogue = connection.createAppender("main", "series");
            }
            long[] steps = data.steps();
            double[] values = data.values();
            double[] walls = data.wallTimes();
            if (from < data.size()) {
                pending.add(new Segment(id, data, from));
                pendingSize += data.size() - from;
                if (pendingSize >= INSERT_BATCH) {
                    insertPending();
                }
            }
            SQLException[] failure = new SQLException[1];
            Pyramid.compute(data.size() > Pyramid.STORED_ABOVE ? data : SeriesData.EMPTY, (level, block, lo, hi) -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    blocks.beginRow()
                            .append(id)
                            .append((byte) level)
                            .append(block)
                            .append(lo)
                            .append(steps[lo])
                            .append(values[lo])
                            .append(walls[lo])
                            .append(hi)
                            .append(steps[hi])
                            .append(values[hi])
                            .append(walls[hi])
                            .endRow();
                } catch (SQLException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            String hash = hash(data);
            catalogue
                    .beginRow()
                    .append(id)
                    .append(iri)
                    .append((long) data.size())
                    .append(hash);
            if (contribution == null) {
                catalogue.appendNull();
            } else {
                catalogue.append(contribution);
            }
            catalogue.endRow();
            (contribution == null ? stored : staged).put(iri, new Stored(id, data.size(), hash));
        }

        private void flush() throws SQLException {
            insertPending();
            if (blocks != null) {
                blocks.flush();
                catalogue.flush();
            }
        }

        /**
         * Inserts the points put so far with one statement that reads them through the store's table
         * function: DuckDB then appends them in its vectorised insert, in the order they were put.
         */
        private void insertPending() throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            long batch = batches.incrementAndGet();
            pendingPoints.put(batch, pending);
            try {
                if (insertPoints == null) {
                    insertPoints =
                            connection.prepareStatement("INSERT INTO points SELECT * FROM " + pointsFunction + "(?)");
                }
                insertPoints.setLong(1, batch);
                insertPoints.executeUpdate();
            } finally {
                pendingPoints.remove(batch);
                pending = new ArrayList<>();
                pendingSize = 0;
            }
        }

        @Override
        public void commit() {
            if (done) {
                throw new IllegalStateException("This write is finished");
            }
            try {
                insertPending();
                if (blocks != null) {
                    blocks.close();
                    catalogue.close();
                    blocks = null;
                    catalogue = null;
                }
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
                pending = List.of();
                if (blocks != null) {
                    blocks.close();
                    catalogue.close();
                }
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

    /** Points {@code from} onwards of a series, to be inserted under the series' number. */
    private record Segment(int id, SeriesData data, int from) {}

    /** Where the table function is in a batch of segments: which segment, and which point of it. */
    private static final class Cursor {
        private final List<Segment> segments;
        private int segment;
        private int point;

        Cursor(List<Segment> segments) {
            this.segments = segments;
            this.point = segments.isEmpty() ? 0 : segments.get(0).from();
        }
    }

    /**
     * The table function {@code atlas_points_N(batch)}: the rows (series, idx, step, value,
     * wall_time) of a batch of points a write is inserting, filled a vector at a time on one thread.
     */
    private final class PendingPointsFunction implements DuckDBTableFunction<List<Segment>, Cursor, Object> {

        @Override
        public List<Segment> bind(DuckDBTableFunctionBindInfo info) {
            info.addResultColumn("series", DuckDBColumnType.INTEGER)
                    .addResultColumn("idx", DuckDBColumnType.INTEGER)
                    .addResultColumn("step", DuckDBColumnType.BIGINT)
                    .addResultColumn("value", DuckDBColumnType.DOUBLE)
                    .addResultColumn("wall_time", DuckDBColumnType.DOUBLE);
            long batch = info.getParameter(0).getLong();
            List<Segment> segments = pendingPoints.get(batch);
            if (segments == null) {
                throw new IllegalStateException("No points are waiting under batch " + batch);
            }
            return segments;
        }

        @Override
        public Cursor init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1);
            return new Cursor(info.getBindData());
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
            Cursor cursor = info.getInitData();
            DuckDBWritableVector series = out.vector(0);
            DuckDBWritableVector idx = out.vector(1);
            DuckDBWritableVector step = out.vector(2);
            DuckDBWritableVector value = out.vector(3);
            DuckDBWritableVector wall = out.vector(4);
            long capacity = out.capacity();
            long row = 0;
            while (row < capacity && cursor.segment < cursor.segments.size()) {
                Segment segment = cursor.segments.get(cursor.segment);
                long[] steps = segment.data().steps();
                double[] values = segment.data().values();
                double[] walls = segment.data().wallTimes();
                int end = (int) Math.min(segment.data().size(), cursor.point + (capacity - row));
                for (int i = cursor.point; i < end; i++, row++) {
                    series.setInt(row, segment.id());
                    idx.setInt(row, i);
                    step.setLong(row, steps[i]);
                    value.setDouble(row, values[i]);
                    wall.setDouble(row, walls[i]);
                }
                cursor.point = end;
                if (end == segment.data().size()) {
                    cursor.segment++;
                    cursor.point = cursor.segment < cursor.segments.size()
                            ? cursor.segments.get(cursor.segment).from()
                            : 0;
                }
            }
            return row;
        }
    }

    /** SHA-256 of the points (step, value bits, wall-time bits, little-endian), to recognise a prefix. */
    static String hash(SeriesData data) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        byte[] buffer = HASH_BUFFER.get();
        long[] steps = data.steps();
        double[] values = data.values();
        double[] walls = data.wallTimes();
        int at = 0;
        for (int i = 0; i < data.size(); i++) {
            if (at == buffer.length) {
                digest.update(buffer, 0, at);
                at = 0;
            }
            LITTLE_ENDIAN_LONG.set(buffer, at, steps[i]);
            LITTLE_ENDIAN_LONG.set(buffer, at + 8, Double.doubleToLongBits(values[i]));
            LITTLE_ENDIAN_LONG.set(buffer, at + 16, Double.doubleToLongBits(walls[i]));
            at += 24;
        }
        digest.update(buffer, 0, at);
        return HexFormat.of().formatHex(digest.digest());
    }
}
