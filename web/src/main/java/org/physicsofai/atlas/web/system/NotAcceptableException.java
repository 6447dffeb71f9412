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
}
