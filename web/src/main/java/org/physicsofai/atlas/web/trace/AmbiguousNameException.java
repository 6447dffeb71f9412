package org.physicsofai.atlas.web.trace;

import java.util.List;
import java.util.stream.Collectors;
import org.physicsofai.atlas.search.Suggestion;

/** A node typed by name in a tracing field names several nodes: the reader is asked which. */
class AmbiguousNameException extends IllegalArgumentException {

    private final String field;
    private final String name;
    private final List<Suggestion> candidates;

    AmbiguousNameException(String field, String name, List<Suggestion> candidates) {
        super(field + ": '" + name + "' may be any of " + candidates.size() + " nodes; give one of their IRIs: "
                + candidates.stream()
                        .map(c -> c.label() + " (" + c.type() + ") " + c.iri())
                        .collect(Collectors.joining("; ")));
        this.field = field;
        this.name = name;
        this.candidates = List.copyOf(candidates);
    }

    public String field() {
        return field;
    }

    public String name() {
        return name;
    }

    public List<Suggestion> candidates() {
        return candidates;
    }
}
