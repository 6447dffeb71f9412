package org.physicsofai.atlas.importers;

import java.util.List;
import java.util.Map;

/**
 * What an import would do, found by reading and mapping the sources without storing anything.
 *
 * @param formats the formats read
 * @param runs the runs found, in the order read
 * @param metrics every metric key found, with the observable it would be mapped to
 * @param proposedObservables observables the import would propose (for review)
 * @param importedBefore the contribution that already holds exactly this content, or {@code null}
 * @param skipped what would be left out on purpose, by kind, with counts
 * @param notes remarks that are not problems
 * @param problems what cannot be imported, by file and line
 */
public record ImportPreview(
        List<String> formats,
        List<Run> runs,
        List<Metric> metrics,
        List<String> proposedObservables,
        String importedBefore,
        Map<String, Integer> skipped,
        List<String> notes,
        List<ImportProblem> problems) {

    /** How a metric would be mapped. */
    public enum How {
        /** The import's mapping names the observable (or a new one). */
        CHOSEN,
        /** A built-in synonym matched a known observable. */
        SYNONYM,
        /** Nothing matched: a new observable is proposed. */
        PROPOSED,
        /** The import's mapping leaves the metric out. */
        IGNORED
    }

    /**
     * @param iri the run's IRI
     * @param label its name
     * @param experiment the experiment's IRI
     * @param experimentLabel the experiment's name, or {@code null} for an experiment the Atlas already holds
     * @param status running, finished... or {@code null}
     * @param series the series it would have
     * @param points the points of those series
     * @param finalValues the final values reported apart from the series
     * @param pathValues the settings the path template read from the run's folder name, field by field
     *     with their typed values (empty without a template, or when no name matched)
     */
    public record Run(
            String iri,
            String label,
            String experiment,
            String experimentLabel,
            String status,
            int series,
            long points,
            int finalValues,
            Map<String, Object> pathValues) {

        public Run {
            pathValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pathValues));
        }
    }

    /**
     * @param key the metric key as logged
     * @param observable the observable's IRI, or {@code null} when ignored
     * @param newName the name of a new observable the mapping asked for, or {@code null}
     * @param how how the observable was found
     * @param unit the unit detected (accuracies: percent or fraction), or {@code null}
     * @param runs the runs that logged it
     * @param series the series of it
     * @param points their points
     */
    public record Metric(
            String key, String observable, String newName, How how, String unit, int runs, int series, long points) {

        Metric merge(Metric other) {
            return new Metric(
                    key,
                    observable,
                    newName,
                    how,
                    unit != null ? unit : other.unit,
                    runs + other.runs,
                    series + other.series,
                    points + other.points);
        }
    }

    public ImportPreview {
        formats = List.copyOf(formats);
        runs = List.copyOf(runs);
        metrics = List.copyOf(metrics);
        proposedObservables = List.copyOf(proposedObservables);
        skipped = Map.copyOf(skipped);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }

    /** A preview of sources in which nothing could be read. */
    public static ImportPreview failed(
            List<String> formats, Map<String, Integer> skipped, List<String> notes, List<ImportProblem> problems) {
        return new ImportPreview(formats, List.of(), List.of(), List.of(), null, skipped, notes, problems);
    }

    /** Whether committing would import something: runs were found and no file has a problem. */
    public boolean importable() {
        return !runs.isEmpty() && problems.isEmpty();
    }

    /** Points in all the series that would be stored. */
    public long points() {
        return runs.stream().mapToLong(Run::points).sum();
    }
}
