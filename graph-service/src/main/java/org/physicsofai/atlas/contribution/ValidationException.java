package org.physicsofai.atlas.contribution;

import java.util.List;
import java.util.stream.Collectors;

/** A contribution does not conform to the shapes; nothing was stored. */
public class ValidationException extends RuntimeException {

    private final transient List<Violation> violations;

    public ValidationException(String what, List<Violation> violations) {
        super(what + " does not conform to the Atlas shapes (" + violations.size() + " problem"
                + (violations.size() == 1 ? "" : "s") + "):\n"
                + violations.stream().limit(50).map(v -> "  - " + v).collect(Collectors.joining("\n")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
