package org.physicsofai.atlas.store;

/**
 * The outcome of submitting a contribution.
 *
 * @param contribution the stored contribution, or the existing one with the same content
 * @param created {@code false} when identical content was already pending or accepted, so nothing changed
 */
public record Submission(ContributionRecord contribution, boolean created) {}
