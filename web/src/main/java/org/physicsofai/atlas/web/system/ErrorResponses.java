package org.physicsofai.atlas.web.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.physicsofai.atlas.contribution.ValidationException;
import org.physicsofai.atlas.search.SearchIndexUnavailableException;
import org.physicsofai.atlas.series.SeriesStoreException;
import org.physicsofai.atlas.sparql.SparqlException;
import org.physicsofai.atlas.store.ContributionNotFoundException;
import org.physicsofai.atlas.store.StatusTransitionException;
import org.physicsofai.atlas.store.StoreUnavailableException;
import org.physicsofai.atlas.trace.UnknownNodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure into an answer the client can read: the error page for browsers, an RFC 9457
 * problem document ({@code application/problem+json}) for API and SPARQL clients.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private final JsonMapper json;

    ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView handle(Exception exception, HttpServletRequest request, HttpServletResponse response) {
        exception = tooLarge(exception);
        HttpStatus status = status(exception);
        if (exception instanceof TooManyRequestsException limit) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
        }
        if (exception instanceof SparqlException busy) {
            busy.retryAfter()
                    .ifPresent(wait -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds())));
        }
        String detail = status.is5xxServerError() && status != HttpStatus.SERVICE_UNAVAILABLE
                ? "Something went wrong on our side. The error has been logged."
                : exception.getMessage();
        if (status.is5xxServerError() && status != HttpStatus.SERVICE_UNAVAILABLE) {
            log.error("{} {} failed", request.getMethod(), request.getRequestURI(), exception);
        }
        ModelAndView result;
        if (Negotiation.wantsHtml(request.getHeader(HttpHeaders.ACCEPT))) {
            result = new ModelAndView("error");
            result.addObject("status", status.value());
            result.addObject("error", status.getReasonPhrase());
            result.addObject("message", detail);
        } else {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", status.getReasonPhrase());
            problem.put("status", status.value());
            problem.put("detail", detail);
            problem.put("instance", request.getRequestURI());
            if (exception instanceof ValidationException invalid) {
                problem.put("violations", invalid.violations());
            }
            result = new ModelAndView(problemView(problem));
        }
        result.setStatus(status);
        return result;
    }

    private View problemView(Map<String, Object> problem) {
        return new View() {
            @Override
            public String getContentType() {
                return "application/problem+json";
            }

            @Override
            public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                    throws Exception {
                response.setContentType(getContentType());
                response.setCharacterEncoding("UTF-8");
                json.writeValue(response.getOutputStream(), problem);
            }
        };
    }

    /** A body cut off by {@link RequestSizeLimit} surfaces wrapped in the error of whatever was reading it. */
    private static Exception tooLarge(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return exception;
    }

    private static HttpStatus status(Exception exception) {
        return switch (exception) {
            case SparqlException e ->
                switch (e.kind()) {
                    case SYNTAX, UNSUPPORTED -> HttpStatus.BAD_REQUEST;
                    case FORBIDDEN -> HttpStatus.FORBIDDEN;
                    case TIMEOUT, TOO_COSTLY, BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
                };
            case NotFoundException e -> HttpStatus.NOT_FOUND;
            case TooManyRequestsException e -> HttpStatus.TOO_MANY_REQUESTS;
            case PayloadTooLargeException e -> HttpStatus.CONTENT_TOO_LARGE;
            case MaxUploadSizeExceededException e -> HttpStatus.CONTENT_TOO_LARGE;
            case ContributionNotFoundException e -> HttpStatus.NOT_FOUND;
            case StatusTransitionException e -> HttpStatus.CONFLICT;
            case LockedException e -> HttpStatus.CONFLICT;
            case UnknownNodeException e -> HttpStatus.NOT_FOUND;
            case NotAcceptableException e -> HttpStatus.NOT_ACCEPTABLE;
            case CutAnswerException e -> HttpStatus.UNPROCESSABLE_CONTENT;
            case ValidationException e -> HttpStatus.UNPROCESSABLE_CONTENT;
            case StoreUnavailableException e -> HttpStatus.SERVICE_UNAVAILABLE;
            case SeriesStoreException e -> HttpStatus.SERVICE_UNAVAILABLE;
            case SearchIndexUnavailableException e -> HttpStatus.SERVICE_UNAVAILABLE;
            case TypeMismatchException e -> HttpStatus.BAD_REQUEST;
            // Malformed JSON, or JSON beyond the parser's limits (nesting, number and string length).
            case HttpMessageNotReadableException e -> HttpStatus.BAD_REQUEST;
            case ErrorResponse e -> HttpStatus.valueOf(e.getStatusCode().value());
            case IllegalArgumentException e -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
