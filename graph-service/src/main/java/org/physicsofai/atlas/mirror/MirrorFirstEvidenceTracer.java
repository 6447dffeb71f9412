package org.physicsofai.atlas.mirror;

import java.util.Objects;
import java.util.function.Supplier;
import org.neo4j.driver.exceptions.Neo4jException;
import org.physicsofai.atlas.trace.EvidenceTracer;
import org.physicsofai.atlas.trace.Neighbourhood;
import org.physicsofai.atlas.trace.NeighbourhoodRequest;
import org.physicsofai.atlas.trace.TraceRequest;
import org.physicsofai.atlas.trace.TraceResult;
import org.physicsofai.atlas.trace.WhyAnswer;
import org.physicsofai.atlas.trace.WhyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracing on Neo4j while the mirror is in step with the store, on the store otherwise: the tracer over the
 * mirror answers only when the mirror has applied every committed change and its last attempt succeeded;
 * while it lags, or when Neo4j fails to answer, the store's own tracer does. Both give the same answers on
 * the same knowledge ({@code EvidenceTracerContract}), so a reader never sees the mirror's lag.
 */
public final class MirrorFirstEvidenceTracer implements EvidenceTracer {

    private static final Logger log = LoggerFactory.getLogger(MirrorFirstEvidenceTracer.class);

    private final Mirror mirror;
    private final EvidenceTracer onMirror;
    private final EvidenceTracer onStore;

    public MirrorFirstEvidenceTracer(Mirror mirror, EvidenceTracer onMirror, EvidenceTracer onStore) {
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.onMirror = Objects.requireNonNull(onMirror, "onMirror");
        this.onStore = Objects.requireNonNull(onStore, "onStore");
    }

    /** Whether the mirror holds every committed change and its last attempt to apply one succeeded. */
    public boolean inStep() {
        MirrorStatus status = mirror.status();
        return status.pending() == 0 && status.lastSuccess() != null && status.lastError() == null;
    }

    private <T> T answer(Supplier<T> mirrored, Supplier<T> stored) {
        if (!inStep()) {
            return stored.get();
        }
        try {
            return mirrored.get();
        } catch (Neo4jException e) {
            log.warn("Tracing on Neo4j failed; answering from the store: {}", e.getMessage());
            return stored.get();
        }
    }

    @Override
    public TraceResult trace(TraceRequest request) {
        return answer(() -> onMirror.trace(request), () -> onStore.trace(request));
    }

    @Override
    public WhyAnswer why(WhyRequest request) {
        return answer(() -> onMirror.why(request), () -> onStore.why(request));
    }

    @Override
    public Neighbourhood neighbourhood(NeighbourhoodRequest request) {
        return answer(() -> onMirror.neighbourhood(request), () -> onStore.neighbourhood(request));
    }

    @Override
    public boolean knows(String iri) {
        return answer(() -> onMirror.knows(iri), () -> onStore.knows(iri));
    }
}
