package org.physicsofai.atlas.web.system;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Cross-origin reading: a notebook or page served from anywhere may read the public answers (SPARQL
 * queries, entities, the ontology, search, tracing, series, downloads), preflight included, without
 * credentials. Nothing that writes or needs a session is listed, so browsers keep refusing
 * cross-origin calls to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class ReadingCors {

    /** Paths open to cross-origin reads by GET and HEAD. */
    static final List<String> READ_PATHS = List.of(
            "/id/**",
            "/ontology",
            "/ontology/**",
            "/api/search",
            "/api/search/**",
            "/api/trace",
            "/api/why",
            "/api/series/**",
            "/downloads",
            "/downloads/**");

    /** The headers a cross-origin script may read besides the simple ones. */
    static final List<String> EXPOSED =
            List.of("Atlas-Results-Truncated", HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.VARY);

    @Bean
    CorsConfigurationSource corsConfigurationSource() {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        // A SPARQL query may be sent by POST (long queries); the endpoint refuses updates whatever the origin.
        source.registerCorsConfiguration("/sparql", reading(List.of("GET", "HEAD", "POST")));
        CorsConfiguration get = reading(List.of("GET", "HEAD"));
        READ_PATHS.forEach(path -> source.registerCorsConfiguration(path, get));
        return source;
    }

    private static CorsConfiguration reading(List<String> methods) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(List.of(CorsConfiguration.ALL));
        cors.setAllowCredentials(false);
        cors.setAllowedMethods(methods);
        cors.setAllowedHeaders(List.of(HttpHeaders.ACCEPT, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT_LANGUAGE));
        cors.setExposedHeaders(EXPOSED);
        cors.setMaxAge(Duration.ofHours(1));
        return cors;
    }
}
