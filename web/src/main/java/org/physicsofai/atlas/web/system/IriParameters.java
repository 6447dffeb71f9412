package org.physicsofai.atlas.web.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.physicsofai.atlas.trace.Requests;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses, with 400 and a message naming the parameter, a request to a page about one entity whose IRI
 * parameters ({@code iri}, {@code run}, {@code node}) are not absolute IRIs, before the page puts them into a
 * query: such a value (a space, a {@code >}, a quote) would otherwise fail deep inside the store as a 500.
 */
final class IriParameters implements HandlerInterceptor {

    static final List<String> PATHS =
            List.of("/run", "/experiment", "/observable", "/phase-diagram", "/law", "/compare", "/submit/edit");

    private static final List<String> NAMES = List.of("iri", "run", "node");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // /compare strips its run fields and ignores blank ones (a form with empty rows).
        boolean lenient = request.getServletPath().equals("/compare");
        for (String name : NAMES) {
            String[] values = request.getParameterValues(name);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                if (lenient && value.isBlank()) {
                    continue;
                }
                if (!Requests.iri(name, value).equals(value) && !lenient) {
                    throw new IllegalArgumentException(name + ": not an IRI: '" + value + "' (spaces around it)");
                }
            }
        }
        return true;
    }
}
