package org.physicsofai.atlas.importers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What reading one run gave, collected apart so that runs can be read in parallel and then added to
 * the {@link ReadContext} in a fixed order.
 */
public final class RunResult {

    private RunData run;
    private final List<ImportProblem> problems = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    public void run(RunData run) {
        this.run = run;
    }

    public void problem(String file, long line, String message) {
        problems.add(new ImportProblem(file, line, message));
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public void skip(String what, int count) {
        if (count > 0) {
            skipped.merge(what, count, Integer::sum);
        }
    }

    public void note(String note) {
        notes.add(note);
    }

    /** Adds what was read to the context: the run if it met no problem, otherwise its problems. */
    public void addTo(ReadContext context) {
        skipped.forEach(context::skip);
        notes.forEach(context::note);
        if (run != null || !problems.isEmpty()) {
            if (problems.isEmpty()) {
                context.finishRun(run, List.of());
            } else {
                context.finishRun(null, problems);
            }
        }
    }
}
