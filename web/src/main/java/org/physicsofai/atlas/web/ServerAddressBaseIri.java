package org.physicsofai.atlas.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The default of {@code atlas.base-iri}: the address the server answers on, {@code
 * http://localhost:{server.port}/id/} (the host of {@code server.address} when one is set, {@code
 * https} with TLS), so that the nodes this deployment mints resolve where it runs. A random port
 * ({@code server.port=0}) is chosen here, before any node is minted, and given to the server. Behind
 * a proxy or under a public name the address cannot be known from here: set {@code atlas.base-iri}.
 */
public class ServerAddressBaseIri implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "atlasBaseIriFromServerAddress";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("atlas.base-iri")) {
            return;
        }
        Map<String, Object> derived = new LinkedHashMap<>();
        String address = environment.getProperty("server.address", "").strip();
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port < 0) {
            return; // no web server: the property's own default applies
        }
        if (port == 0) {
            port = freePort(address);
            derived.put("server.port", port);
        }
        boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, false)
                || environment.containsProperty("server.ssl.bundle")
                || environment.containsProperty("server.ssl.key-store");
        derived.put("atlas.base-iri", (tls ? "https" : "http") + "://" + host(address) + ":" + port + "/id/");
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, derived));
    }

    /** The host name of IRIs for a bind address: {@code localhost} for none or every interface. */
    static String host(String address) {
        if (address.isEmpty() || address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]")) {
            return "localhost";
        }
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    private static int freePort(String address) {
        try (ServerSocket socket = new ServerSocket(
                0, 1, address.isEmpty() ? null : InetAddress.getByName(address.replaceAll("[\\[\\]]", "")))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port for server.port=0", e);
        }
    }

    /** After the application's configuration files are read, so that a base set there is honoured. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
