package org.physicsofai.atlas.web;

import java.nio.file.Path;
import java.time.Duration;
import org.physicsofai.atlas.store.remote.RemoteSparqlEndpoints;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Atlas's settings, under the {@code atlas.} prefix.
 *
 * @param dataDir where the embedded stores keep their files
 * @param baseIri the prefix of IRIs minted for this deployment's own data, ending in {@code /id/}
 * @param sparql bounds on public SPARQL queries
 * @param seed whether to load the shipped seed knowledge at start-up
 * @param admin the first administrator, created at start-up when there is none yet
 * @param submissionsPerHour how many submissions one account may make in an hour
 * @param imports limits on uploaded imports
 * @param neo4j the Neo4j server the mirror writes to (off when its URI is unset)
 * @param store where knowledge is kept: the embedded TDB2 store in the data directory, or a remote SPARQL server
 * @param remote the remote SPARQL server's endpoints, when {@code store} is {@code remote}
 * @param trace which tracer answers evidence chains
 */
@ConfigurationProperties("atlas")
public record AtlasProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080/id/") String baseIri,
        @DefaultValue Sparql sparql,
        @DefaultValue Seed seed,
        @DefaultValue Admin admin,
        @DefaultValue("120") int submissionsPerHour,
        @DefaultValue Imports imports,
        @DefaultValue Neo4j neo4j,
        @DefaultValue("tdb2") StoreKind store,
        @DefaultValue Remote remote,
        @DefaultValue Trace trace) {

    public AtlasProperties {
        if (!baseIri.endsWith("/id/")) {
            throw new IllegalArgumentException(
                    "atlas.base-iri must end in /id/ so that its IRIs resolve at /id/...: " + baseIri);
        }
        if (store == StoreKind.REMOTE) {
            remote.endpoints(); // fails here, naming the setting, rather than when the store opens
        }
        if (trace.engine() == TraceEngine.NEO4J && !neo4j.configured()) {
            throw new IllegalArgumentException(
                    "atlas.trace.engine=neo4j needs the Neo4j mirror: set atlas.neo4j.uri (docs/scaling.md)");
        }
    }

    /** Where knowledge is kept. */
    public enum StoreKind {
        /** Apache Jena TDB2 in {@code atlas.data-dir}/tdb2 (one process at a time). */
        TDB2,
        /** Any SPARQL 1.1 server, reached over the SPARQL 1.1 Protocol (docs/scaling.md). */
        REMOTE
    }

    /**
     * @param queryUrl the SPARQL query endpoint, e.g. {@code http://localhost:3030/atlas/query}
     * @param updateUrl the SPARQL update endpoint, e.g. {@code http://localhost:3030/atlas/update}
     * @param gspUrl the Graph Store Protocol endpoint (optional), e.g. {@code http://localhost:3030/atlas/data}
     * @param user the HTTP basic user name, when the server asks for one
     * @param password the HTTP basic password (give it as the environment variable ATLAS_REMOTE_PASSWORD)
     */
    public record Remote(String queryUrl, String updateUrl, String gspUrl, String user, String password) {

        public RemoteSparqlEndpoints endpoints() {
            if (queryUrl == null || queryUrl.isBlank() || updateUrl == null || updateUrl.isBlank()) {
                throw new IllegalArgumentException(
                        "atlas.store=remote needs atlas.remote.query-url and atlas.remote.update-url");
            }
            try {
                return new RemoteSparqlEndpoints(queryUrl, updateUrl, gspUrl, user, password);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("atlas.remote: " + e.getMessage(), e);
            }
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Remote[queryUrl=" + queryUrl + ", updateUrl=" + updateUrl + ", gspUrl=" + gspUrl + ", user=" + user
                    + "]";
        }
    }

    /**
     * @param timeout a query that runs longer is stopped and answered with 503
     * @param maxRows answers are cut at this many rows or statements, and flagged
     * @param maxStringLength a query that builds a longer string is stopped and answered with 503
     * @param maxResultChars a query whose answer has more characters is stopped and answered with 503
     * @param maxHeldRows a query whose ORDER BY, GROUP BY or DISTINCT holds more rows is stopped and answered
     *     with 503
     * @param maxConcurrent at most this many public queries run at once
     * @param queueWait a query that waits this long for its turn is answered with 503 and {@code Retry-After}
     */
    public record Sparql(
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("10000") int maxRows,
            @DefaultValue("1048576") int maxStringLength,
            @DefaultValue("16777216") long maxResultChars,
            @DefaultValue("200000") long maxHeldRows,
            @DefaultValue("4") int maxConcurrent,
            @DefaultValue("2s") Duration queueWait) {}

    /**
     * @param username the administrator's user name; nothing is created when empty
     * @param password the administrator's password (give it as the environment variable ATLAS_ADMIN_PASSWORD)
     */
    public record Admin(String username, String password) {

        public boolean configured() {
            return username != null && !username.isBlank() && password != null && !password.isBlank();
        }
    }

    /**
     * @param maxEntries at most this many entries in an uploaded zip
     * @param maxUnpackedBytes at most this many bytes unpacked from one zip
     * @param maxRatio at most this many unpacked bytes per zip byte
     * @param uploadExpiry how long the import page keeps an upload between its preview and its import
     */
    public record Imports(
            @DefaultValue("100000") int maxEntries,
            @DefaultValue("4294967296") long maxUnpackedBytes,
            @DefaultValue("200") int maxRatio,
            @DefaultValue("2h") Duration uploadExpiry) {}

    /**
     * The optional Neo4j mirror (docs/scaling.md). Nothing Neo4j-related starts unless {@code uri} is set.
     *
     * @param uri the server's Bolt URI ({@code neo4j://host:7687}, {@code bolt://...}, {@code neo4j+s://...})
     * @param user the Neo4j user
     * @param password the Neo4j password (give it as the environment variable ATLAS_NEO4J_PASSWORD)
     */
    public record Neo4j(String uri, @DefaultValue("neo4j") String user, String password) {

        public boolean configured() {
            return uri != null && !uri.isBlank();
        }
    }

    /** Which tracer answers evidence chains (docs/tracing.md). */
    public enum TraceEngine {
        /** The in-memory view of the store (ADR 0005). */
        STORE,
        /** Cypher over the Neo4j mirror while it is in step with the store, the store's view otherwise (ADR 0010). */
        NEO4J
    }

    /** @param engine {@code store} (default) or {@code neo4j} */
    public record Trace(@DefaultValue("store") TraceEngine engine) {}

    /** @param enabled load the ontology and seed data at start-up */
    public record Seed(@DefaultValue("true") boolean enabled) {}
}
