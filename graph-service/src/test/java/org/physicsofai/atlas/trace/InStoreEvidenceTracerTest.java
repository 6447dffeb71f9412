package org.physicsofai.atlas.trace;

import org.physicsofai.atlas.store.KnowledgeStore;

class InStoreEvidenceTracerTest extends EvidenceTracerContract {

    @Override
    protected EvidenceTracer tracer(KnowledgeStore store) {
        return new InStoreEvidenceTracer(store);
    }
}
