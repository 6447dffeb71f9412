package org.physicsofai.atlas.detect;

import java.util.OptionalLong;

/**
 * The published phase rule of Liu et al. (2022, {@code simple_phase_diagram.ipynb}): a threshold step
 * counts only within the compute budget; confusion when the training threshold is not reached,
 * memorization when the test threshold is not reached, comprehension when the test threshold follows
 * the training one by less than the gap, grokking otherwise.
 *
 * @param budget the last step at which a threshold still counts as reached
 * @param gap the delay (in steps) from which generalisation counts as delayed
 */
public record PhaseRule(long budget, long gap) {

    /** The published values: budget 1e5 steps, gap 1e3 steps. */
    public static final PhaseRule PUBLISHED = new PhaseRule(100_000, 1_000);

    public PhaseRule {
        if (budget <= 0) {
            throw new IllegalArgumentException("The budget must be positive: " + budget);
        }
        if (gap <= 0) {
            throw new IllegalArgumentException("The gap must be positive: " + gap);
        }
    }

    /** Whether a threshold step counts: it exists and lies within the budget. */
    public boolean reached(OptionalLong step) {
        return step.isPresent() && step.getAsLong() <= budget;
    }

    public LearningPhase classify(OptionalLong train, OptionalLong test) {
        if (!reached(train)) {
            return LearningPhase.CONFUSION;
        }
        if (!reached(test)) {
            return LearningPhase.MEMORIZATION;
        }
        return test.getAsLong() - train.getAsLong() < gap ? LearningPhase.COMPREHENSION : LearningPhase.GROKKING;
    }
}
