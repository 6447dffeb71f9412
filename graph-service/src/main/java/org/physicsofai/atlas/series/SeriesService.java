package org.physicsofai.atlas.series;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
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

    /**
     * The points of a series whose steps lie in {@code [from, to]} (either end open when {@code
     * null}), all of them or at most {@code maxPoints}: for a plot zoomed to a range. Downsampling
     * keeps the same points as for the whole series: the first and last points of the range, its
     * lowest and highest values, the points at (or nearest to) events inside the range, and the
     * lowest and highest point of each of equal blocks of consecutive points.
     *
     * @param maxPoints {@code null} for full resolution, else at least 4
     */
    public Optional<SeriesData> read(String seriesIri, Integer maxPoints, Long from, Long to) {
        if (from == null && to == null) {
            return read(seriesIri, maxPoints);
        }
        if (maxPoints != null && maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4 (first, last, lowest and highest point)");
        }
        if (from != null && to != null && from > to) {
            throw new IllegalArgumentException("from (" + from + ") must not be after to (" + to + ")");
        }
        return series.points(seriesIri).map(all -> range(seriesIri, all, maxPoints, from, to));
    }

    /**
     * As {@link #read(String, Integer, Long, Long)}, the series as a contribution has it: staged under
     * the contribution if it staged the series (a pending import), else accepted. For its author and
     * reviewers only: the caller checks who asks.
     */
    public Optional<SeriesData> readContributed(
            String seriesIri, String contribution, Integer maxPoints, Long from, Long to) {
        if (maxPoints != null && maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4 (first, last, lowest and highest point)");
        }
        if (from != null && to != null && from > to) {
            throw new IllegalArgumentException("from (" + from + ") must not be after to (" + to + ")");
        }
        return series.points(seriesIri, contribution).map(all -> range(seriesIri, all, maxPoints, from, to));
    }

    private SeriesData range(String seriesIri, SeriesData all, Integer maxPoints, Long from, Long to) {
        long lo = from == null ? Long.MIN_VALUE : from;
        long hi = to == null ? Long.MAX_VALUE : to;
        SeriesData.Builder in = new SeriesData.Builder();
        for (int i = 0; i < all.size(); i++) {
            if (all.step(i) >= lo && all.step(i) <= hi) {
                in.add(all.step(i), all.value(i), all.wallTime(i));
            }
        }
        SeriesData range = in.build();
        if (maxPoints == null || range.size() <= maxPoints) {
            return range;
        }
        List<Long> events =
                eventSteps(seriesIri).stream().filter(s -> s >= lo && s <= hi).toList();
        return downsample(range, maxPoints, events);
    }

    /** Downsamples points in memory the way the store does: see {@link SeriesStore#downsample}. */
    static SeriesData downsample(SeriesData data, int maxPoints, List<Long> events) {
        TreeMap<Integer, Boolean> kept = new TreeMap<>();
        int n = data.size();
        kept.put(0, true);
        kept.put(n - 1, true);
        keepExtremes(data, 0, n, kept);
        for (long step : events) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                if (Math.abs(data.step(i) - step) < Math.abs(data.step(best) - step)) {
                    best = i;
                }
            }
            kept.put(best, true);
        }
        int blocks = (maxPoints - kept.size()) / 2;
        if (blocks > 0) {
            int size = (n + blocks - 1) / blocks;
            for (int start = 0; start < n; start += size) {
                keepExtremes(data, start, Math.min(n, start + size), kept);
            }
        }
        SeriesData.Builder out = new SeriesData.Builder(kept.size());
        for (int i : kept.keySet()) {
            out.add(data.step(i), data.value(i), data.wallTime(i));
        }
        return out.build();
    }

    /** Keeps the lowest and the highest (non-NaN) value among points {@code [start, end)}. */
    private static void keepExtremes(SeriesData data, int start, int end, TreeMap<Integer, Boolean> kept) {
        int low = -1;
        int high = -1;
        for (int i = start; i < end; i++) {
            double v = data.value(i);
            if (Double.isNaN(v)) {
                continue;
            }
            if (low < 0 || v < data.value(low)) {
                low = i;
            }
            if (high < 0 || v > data.value(high)) {
                high = i;
            }
        }
        if (low >= 0) {
            kept.put(low, true);
            kept.put(high, true);
        }
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
