package org.physicsofai.atlas.web;

import java.nio.file.Path;
import java.time.Duration;
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
        @DefaultValue Neo4j neo4j) {

    public AtlasProperties {
        if (!baseIri.endsWith("/id/")) {
            throw new IllegalArgumentException(
                    "atlas.base-iri must end in /id/ so that its IRIs resolve at /id/...: " + baseIri);
        }
    }

    /**
     * @param timeout a query that runs longer is stopped and answered with 503
     * @param maxRows answers are cut at this many rows or statements, and flagged
     */
    public record Sparql(
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("10000") int maxRows) {}

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

    /** @param enabled load the ontology and seed data at start-up */
    public record Seed(@DefaultValue("true") boolean enabled) {}
}
