package org.physicsofai.atlas.web.architecture;

import org.physicsofai.atlas.mirror.Neo4jEvidenceTracer;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** Violations of the architecture rules, planted so that the rules' tests can show them failing. Never run. */
public final class PlantedViolations {

    private PlantedViolations() {}

    /** A field injected instead of a constructor parameter. */
    static final class FieldInjected {
        @Autowired
        KnowledgeStore store;
    }

    /** A REST controller that reaches for the TDB2 adapter. */
    @RestController
    static final class RestControllerOnTdb2 {
        Object read(Tdb2KnowledgeStore store) {
            return store.version();
        }
    }

    /** A controller that reaches for the DuckDB adapter. */
    @Controller
    static final class ControllerOnDuckDb {
        Object read(DuckDbSeriesStore series) {
            return series.staged();
        }
    }

    /** A controller that reaches for the Neo4j tracer. */
    @Controller
    static final class ControllerOnNeo4j {
        Object read(Neo4jEvidenceTracer tracer) {
            return tracer;
        }
    }
}
