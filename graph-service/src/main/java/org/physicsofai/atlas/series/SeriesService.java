package org.physicsofai.atlas.series;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * Serves series for plots and downloads: full resolution, or downsampled without losing the events
 * that observations in accepted knowledge record on the series ({@code ?o atlas:series ?s ;
 * atlas:step ?step}).
 */
public final class SeriesService {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String EVENTS = "SELECT DISTINCT ?step WHERE { ?o ?seriesLink ?series ; ?stepLink ?step }";

    private final KnowledgeStore knowledge;
    private final SeriesStore series;

    public SeriesService(KnowledgeStore knowledge, SeriesStore series) {
        this.knowledge = knowledge;
        this.series = series;
    }

    /**
     * The points of a series, all of them or at most {@code maxPoints}.
     *
     * @param maxPoints {@code null} for full resolution
     */
    public Optional<SeriesData> read(String seriesIri, Integer maxPoints) {
        if (maxPoints == null) {
            return series.points(seriesIri);
        }
        return series.downsample(seriesIri, maxPoints, eventSteps(seriesIri));
    }

    /** The steps at which observations in accepted knowledge record events on the series. */
    public List<Long> eventSteps(String seriesIri) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(EVENTS);
        pss.setIri("series", seriesIri);
        pss.setIri("seriesLink", Atlas.series.getURI());
        pss.setIri("stepLink", Atlas.step.getURI());
        return knowledge.query(pss.asQuery(), TIMEOUT, exec -> {
            List<Long> steps = new ArrayList<>();
            RowSet rows = exec.select();
            while (rows.hasNext()) {
                Binding row = rows.next();
                var step = row.get("step");
                if (step != null && step.isLiteral()) {
                    try {
                        steps.add(Long.parseLong(step.getLiteralLexicalForm()));
                    } catch (NumberFormatException e) {
                        // An observation with a malformed step has no place on the curve.
                    }
                }
            }
            return steps;
        });
    }
}
