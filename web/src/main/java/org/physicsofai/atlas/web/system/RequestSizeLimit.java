package org.physicsofai.atlas.web.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.physicsofai.atlas.web.submit.ContributionLimits;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code atlas.limits.max-request-bytes} with 413 before anything
 * reads them: at once when the declared length is too large, and, for a body sent without a length,
 * as soon as the bytes read pass the limit. Multipart uploads have limits of their own
 * ({@code spring.servlet.multipart.*} and the import limits).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimit(ContributionLimits limits) {
        this.maxBytes = limits.maxRequestBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            if (Negotiation.wantsHtml(request.getHeader(HttpHeaders.ACCEPT))) {
                response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write(message(length));
            } else {
                Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, message(length));
            }
            return;
        }
        boolean unknownLength = length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        chain.doFilter(unknownLength ? new Capped(request) : request, response);
    }

    private String message(long length) {
        return "The request body has " + length + " bytes; at most " + maxBytes
                + " are accepted (atlas.limits.max-request-bytes). Split the contribution into several.";
    }

    /** A request without a declared length, whose body fails once more than the limit has been read. */
    private final class Capped extends HttpServletRequestWrapper {

        private ServletInputStream capped;

        Capped(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (capped == null) {
                ServletInputStream in = super.getInputStream();
                capped = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) {
                        read += n;
                        if (read > maxBytes) {
                            throw new PayloadTooLargeException("The request body has more than " + maxBytes
                                    + " bytes, the most accepted (atlas.limits.max-request-bytes)."
                                    + " Split the contribution into several.");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return capped;
        }
    }
}
