package org.physicsofai.atlas.web.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat with a cap on the connections of one client address ({@code atlas.server.max-connections-per-client}),
 * on top of Boot's {@code server.tomcat.*} timeouts and overall cap (application.properties, docs/reliability.md).
 */
@Configuration(proxyBeanMethods = false)
class ConnectionLimits {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> clientCappedProtocol(
            @Value("${atlas.server.max-connections-per-client:100}") int maxPerClient) {
        return factory -> {
            factory.setProtocol(ClientCappedHttp11NioProtocol.class.getName());
            factory.addProtocolHandlerCustomizers((TomcatProtocolHandlerCustomizer<?>) handler -> {
                if (handler instanceof ClientCappedHttp11NioProtocol capped) {
                    capped.setMaxConnectionsPerClient(maxPerClient);
                }
            });
        };
    }
}
