package org.physicsofai.atlas.web.system;

import org.springframework.http.MediaType;

/**
 * An answer over the row cap was asked for in a format with no place to say it was cut (CSV, TSV, a
 * graph), and the client did not accept the cut with {@code truncate=yes}: a reader that ignores
 * headers would take the first rows for the whole answer.
 */
public class CutAnswerException extends RuntimeException {

    public CutAnswerException(int maxRows, MediaType type) {
        super("The answer has more than " + maxRows + " rows or statements, the most this endpoint sends, and "
                + type.getType() + "/" + type.getSubtype() + " has no place to say that it was cut. Narrow the "
                + "query or page it with LIMIT and OFFSET, ask for JSON or XML results (their head links to the "
                + "cut), or add truncate=yes to accept the first " + maxRows
                + " (the header Atlas-Results-Truncated says so).");
    }
}
