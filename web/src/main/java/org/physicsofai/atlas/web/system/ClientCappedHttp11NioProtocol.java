package org.physicsofai.atlas.web.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's HTTP/1.1 connector with a cap on the connections open from one client address. Tomcat caps the
 * connections of all clients together ({@code server.tomcat.max-connections}): one client opening thousands of
 * slow connections fills that cap, and every other client, health probes included, waits. A connection over the
 * cap for its address is closed as soon as it is accepted, before anything is read.
 */
public class ClientCappedHttp11NioProtocol extends Http11NioProtocol {

    public ClientCappedHttp11NioProtocol() {
        super(new Endpoint());
    }

    /** At most this many connections open at once from one client address. */
    public void setMaxConnectionsPerClient(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("At least one connection per client must be allowed");
        }
        ((Endpoint) getEndpoint()).maxPerClient = max;
    }

    public int getMaxConnectionsPerClient() {
        return ((Endpoint) getEndpoint()).maxPerClient;
    }

    private static final class Endpoint extends NioEndpoint {

        private static final Logger log = LoggerFactory.getLogger(ClientCappedHttp11NioProtocol.class);

        private volatile int maxPerClient = Integer.MAX_VALUE;

        @Override
        protected boolean setSocketOptions(SocketChannel socket) {
            String client = address(socket);
            if (client != null && maxPerClient != Integer.MAX_VALUE) {
                long open = 0;
                for (SocketWrapperBase<?> connection : getConnections()) {
                    if (client.equals(connection.getRemoteAddr()) && ++open >= maxPerClient) {
                        log.debug("Refused a connection from {}: it has {} open already", client, open);
                        // Closes the socket and gives its place back to max-connections; the acceptor
                        // closes only sockets that reached a wrapper.
                        destroySocket(socket);
                        return false;
                    }
                }
            }
            return super.setSocketOptions(socket);
        }

        private static String address(SocketChannel socket) {
            try {
                SocketAddress remote = socket.getRemoteAddress();
                return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                        ? inet.getAddress().getHostAddress()
                        : null;
            } catch (IOException e) {
                return null;
            }
        }
    }
}
