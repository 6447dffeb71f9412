package org.physicsofai.atlas.mirror;

import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j started in-process for tests, Bolt only (no HTTP connector): Neo4j Community is GPL and is a
 * test dependency only. Start one per test class: it takes seconds.
 */
final class Neo4jServer {

    private Neo4jServer() {}

    /** A server on a free port. */
    static Neo4j start() {
        return builder().build();
    }

    /** A server on the given port (to restart "the same" server after stopping one). */
    static Neo4j start(int port) {
        return builder()
                .withConfig(BoltConnector.listen_address, new SocketAddress("localhost", port))
                .build();
    }

    private static Neo4jBuilder builder() {
        return Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2));
    }
}
