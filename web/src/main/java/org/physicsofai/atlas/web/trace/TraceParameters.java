package org.physicsofai.atlas.web.trace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.trace.EvidenceTracer;
import org.physicsofai.atlas.web.system.IriBases;
import org.springframework.stereotype.Component;

/**
 * Reads what people type into the tracing API and pages: a node as a full IRI, as an {@code /id/...}
 * path (or a link to one), and link or node types as IRIs, as Atlas local names ({@code supports},
 * {@code Claim}) or prefixed names ({@code atlas:supports}).
 */
@Component
class TraceParameters {

    private static final String ID_PATH = "/id/";

    private final EvidenceTracer tracer;
    private final IriBases bases;

    TraceParameters(EvidenceTracer tracer, IriBases bases) {
        this.tracer = tracer;
        this.bases = bases;
    }

    /** The IRI a reference stands for, or the text itself when it names no known node (to be refused). */
    String node(String reference) {
        if (reference == null || reference.isBlank()) {
            return reference;
        }
        String text = reference.strip();
        if (text.startsWith(ID_PATH)) {
            String path = text.substring(ID_PATH.length());
            return firstKnown(bases.candidates(path).toArray(String[]::new));
        }
        int at = text.indexOf(ID_PATH);
        if (!tracer.knows(text) && at > 0 && (text.startsWith("http://") || text.startsWith("https://"))) {
            String path = text.substring(at + ID_PATH.length());
            List<String> candidates = new ArrayList<>(List.of(text));
            candidates.addAll(bases.candidates(path));
            return firstKnown(candidates.toArray(String[]::new));
        }
        return text;
    }

    private String firstKnown(String... candidates) {
        for (String iri : candidates) {
            if (tracer.knows(iri)) {
                return iri;
            }
        }
        return candidates[0];
    }

    /** Atlas terms by IRI or local name. */
    static Set<String> terms(List<String> values) {
        Set<String> iris = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    String term = part.strip();
                    if (term.startsWith("atlas:")) {
                        iris.add(Atlas.NS + term.substring("atlas:".length()));
                    } else if (!term.isEmpty()) {
                        iris.add(term.contains(":") ? term : Atlas.NS + term);
                    }
                }
            }
        }
        return iris;
    }
}
