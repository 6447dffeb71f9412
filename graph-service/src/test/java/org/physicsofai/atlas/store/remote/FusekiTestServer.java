package org.physicsofai.atlas.store.remote;

import java.nio.file.Path;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Apache Jena Fuseki in this JVM on a free port, serving one TDB2 dataset as {@code /atlas} the way the Atlas needs
 * it: the default graph is a graph of its own, not the union of the named graphs.
 */
public final class FusekiTestServer implements AutoCloseable {

    private final DatasetGraph dataset;
    private final int port;
    private FusekiServer server;

    public FusekiTestServer(Path directory) {
        this.dataset = DatabaseMgr.connectDatasetGraph(Location.create(directory));
        this.server = start(0);
        this.port = server.getHttpPort();
    }

    private FusekiServer start(int onPort) {
        return FusekiServer.create()
                .port(onPort)
                .loopback(true)
                .add("/atlas", dataset)
                .build()
                .start();
    }

    /** Stops answering, as a server that went down; the data stays. */
    public void stop() {
        server.stop();
    }

    /** Answers again on the same port, over the same data. */
    public void restart() {
        server = start(port);
    }

    public String datasetUrl() {
        return "http://localhost:" + port + "/atlas";
    }

    public RemoteSparqlEndpoints endpoints() {
        return RemoteSparqlEndpoints.fuseki(datasetUrl(), null, null);
    }

    /** The dataset behind the server, to check what it holds without going through the adapter. */
    public DatasetGraph dataset() {
        return dataset;
    }

    @Override
    public void close() {
        server.stop();
        TDBInternal.expel(dataset);
    }
}
