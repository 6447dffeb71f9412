package org.physicsofai.atlas.web.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 with what to do instead when a multipart upload holds more parts than the server takes
 * ({@code server.tomcat.max-part-count}): a folder of many files sent from the import page or the REST
 * API. Without this, the container drops every parameter of such a request, so that the CSRF check or
 * the controller would fail it with a message that does not say why. Runs before security.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class UploadPartLimit extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParts();
        } catch (IllegalStateException | IOException e) {
            // other failures (sizes, malformed bodies) are answered where the parts are read, as before
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof FileCountLimitExceededException tooMany) {
                    String message = "The upload holds more than " + tooMany.getLimit()
                            + " parts (files and form fields), more than one request may carry"
                            + " (server.tomcat.max-part-count). Send the folder as one zip archive instead.";
                    response.setHeader(HttpHeaders.CONNECTION, "close");
                    if (Negotiation.wantsHtml(request.getHeader(HttpHeaders.ACCEPT))) {
                        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                        response.setContentType("text/plain;charset=UTF-8");
                        response.getWriter().write(message);
                    } else {
                        Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, message);
                    }
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
