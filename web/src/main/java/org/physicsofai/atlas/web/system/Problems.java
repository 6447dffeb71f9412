package org.physicsofai.atlas.web.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes an RFC 9457 problem document ({@code application/problem+json}) from a servlet filter, where
 * {@link ErrorResponses} is not reached.
 */
public final class Problems {

    private Problems() {}

    public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + quote(status.getReasonPhrase()) + "\",\"status\":"
                        + status.value() + ",\"detail\":\"" + quote(detail) + "\"}");
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder();
        JsonStringEncoder.getInstance().quoteAsString(text, quoted);
        return quoted.toString();
    }
}
