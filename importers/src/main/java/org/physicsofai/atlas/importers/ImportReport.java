package org.physicsofai.atlas.importers;

import java.util.List;
import java.util.Map;

/**
 * What an import did.
 *
 * @param outcome see {@link Outcome}
 * @param formats the formats read
 * @param contribution the IRI of the contribution holding the import, or {@code null} if none
 * @param experiments experiment IRIs
 * @param runs run IRIs
 * @param series series IRIs
 * @param points points in the imported series
 * @param newPoints points the series store did not hold before
 * @param proposedObservables observables proposed for metrics no known observable matched (for review)
 * @param supersedes earlier import contributions this one replaces
 * @param skipped what was left out on purpose, by kind, with counts
 * @param notes remarks that are not problems (unfinished runs, for example)
 * @param problems what could not be imported, by file and line
 */
public record ImportReport(
        Outcome outcome,
        List<String> formats,
        String contribution,
        List<String> experiments,
        List<String> runs,
        List<String> series,
        long points,
        long newPoints,
        List<String> proposedObservables,
        List<String> supersedes,
        Map<String, Integer> skipped,
        List<String> notes,
        List<ImportProblem> problems) {

    public enum Outcome {
        /** A new contribution was stored (it may still report problems with some files). */
        IMPORTED,
        /** The same data was imported before; nothing changed. */
        UNCHANGED,
        /** Nothing could be imported; nothing changed. */
        FAILED
    }

    public ImportReport {
        formats = List.copyOf(formats);
        experiments = List.copyOf(experiments);
        runs = List.copyOf(runs);
        series = List.copyOf(series);
        proposedObservables = List.copyOf(proposedObservables);
        supersedes = List.copyOf(supersedes);
        skipped = Map.copyOf(skipped);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }

    /** A report of an import that stored nothing. */
    /** This report with other notes. */
    public ImportReport withNotes(List<String> notes) {
        return new ImportReport(
                outcome,
                formats,
                contribution,
                experiments,
                runs,
                series,
                points,
                newPoints,
                proposedObservables,
                supersedes,
                skipped,
                notes,
                problems);
    }

    public static ImportReport failed(
            List<String> formats, Map<String, Integer> skipped, List<String> notes, List<ImportProblem> problems) {
        return new ImportReport(
                Outcome.FAILED,
                formats,
                null,
                List.of(),
                List.of(),
                List.of(),
                0,
                0,
                List.of(),
                List.of(),
                skipped,
                notes,
                problems);
    }

    /** Several lines for a terminal: counts, then what was skipped and every problem. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(
                        switch (outcome) {
                            case IMPORTED -> "Imported";
                            case UNCHANGED -> "Unchanged (imported before)";
                            case FAILED -> "Nothing imported";
                        })
                .append(formats.isEmpty() ? "" : " (" + String.join(", ", formats) + ")")
                .append(": ")
                .append(runs.size())
                .append(" runs, ")
                .append(series.size())
                .append(" series, ")
                .append(points)
                .append(" points (")
                .append(newPoints)
                .append(" new)\n");
        if (contribution != null) {
            out.append("Contribution: ").append(contribution).append('\n');
        }
        supersedes.forEach(s -> out.append("Supersedes: ").append(s).append('\n'));
        if (!proposedObservables.isEmpty()) {
            out.append("Proposed observables (for review): ")
                    .append(proposedObservables.size())
                    .append('\n');
            proposedObservables.forEach(o -> out.append("  ").append(o).append('\n'));
        }
        skipped.forEach((what, count) ->
                out.append("Skipped: ").append(count).append(' ').append(what).append('\n'));
        notes.forEach(n -> out.append("Note: ").append(n).append('\n'));
        if (!problems.isEmpty()) {
            out.append("Problems: ").append(problems.size()).append('\n');
            problems.forEach(p -> out.append("  ").append(p).append('\n'));
        }
        return out.toString();
    }
}
