package org.physicsofai.atlas.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;

/**
 * One client opening many connections that send a request a header line at a time, slower than the server's
 * connection timeout (the slow-loris attack). The client is 127.0.0.2, so that the health probe from 127.0.0.1
 * is another client, as a platform's probe is. Bounded: the 8,000 connections of the attack that starved the
 * server (fewer only where the process may not open that many files), about 20 s.
 */
class SlowClientsTest extends AtlasWebTest {

    /** The attack's connections, within what this process may open beside the server's own files. */
    private static final int CONNECTIONS = connections(8_000);

    private static final int PER_CLIENT = 100; // atlas.server.max-connections-per-client
    private static final Duration TIMEOUT = Duration.ofSeconds(10); // server.tomcat.connection-timeout
    /** A probe's patience (generous for a loaded build machine; the attack made probes wait 100 s). */
    private static final Duration PROBE = Duration.ofSeconds(10);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void slowConnectionsFromOneClientAreCappedAndTimedOutWhileHealthAnswers() throws Exception {
        assertThat(health(Duration.ofSeconds(60)).statusCode()).isEqualTo(200); // warm, before the attack
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress(attacker, 0));
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                socket.setSoTimeout(1);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                sockets.add(socket);
            }
            long started = System.nanoTime();

            // The health probe of another client is answered at once.
            HttpResponse<String> health = health(PROBE);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");

            // The connections over the cap were closed by the server as soon as they were accepted.
            Thread.sleep(1_000);
            long closedAtOnce =
                    sockets.stream().filter(SlowClientsTest::closedByServer).count();
            assertThat(closedAtOnce).isGreaterThanOrEqualTo(CONNECTIONS - PER_CLIENT);
            assertThat(closedAtOnce).isLessThan(CONNECTIONS);

            // A header line every 20 s is too slow: after the connection timeout every connection is closed.
            while (System.nanoTime() - started < TIMEOUT.plusSeconds(4).toNanos()) {
                Thread.sleep(500);
            }
            for (Socket socket : sockets) {
                try {
                    socket.getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // already closed: what the test expects
                }
            }
            assertThat(sockets.stream().filter(SlowClientsTest::closedByServer).count())
                    .isEqualTo(CONNECTIONS);
            assertThat(health(PROBE).statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static int connections(int wanted) {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long room = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 1_000;
            if (room < wanted) {
                System.out.println("SlowClientsTest: the file limit leaves room for " + room + " connections");
                return (int) Math.max(PER_CLIENT * 3, room);
            }
        }
        return wanted;
    }

    /** The health endpoint, asked as a platform's probe does, from 127.0.0.1. */
    private HttpResponse<String> health(Duration timeout) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .version(HttpClient.Version.HTTP_1_1)
                        .timeout(timeout)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the server has closed the connection (end of stream or reset), reading what it sent before. */
    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
