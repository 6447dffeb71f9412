package org.physicsofai.atlas.web.system;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;

/** None of the representations the client accepts is available. */
public class NotAcceptableException extends RuntimeException {

    public NotAcceptableException(List<MediaType> offered) {
        super("None of the accepted media types is available. Available: "
                + offered.stream().map(MediaType::toString).collect(Collectors.joining(", ")));
    }

    /**
     * @param asked what the client asked for, as it asked ({@code format=...} or {@code Accept: ...})
     * @param offered the formats of this answer
     */
    public NotAcceptableException(String asked, Formats.Vocabulary offered) {
        super("This answer is not available as " + asked + ". Ask for one of " + offered.describe()
                + " with the format (or output, results) parameter or the Accept header.");
    }
}
