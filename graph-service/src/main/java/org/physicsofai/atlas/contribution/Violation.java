package org.physicsofai.atlas.contribution;

/**
 * One way a contribution breaks the shapes.
 *
 * @param focusNode the node that is invalid
 * @param field the property concerned (its IRI), or {@code null} for a constraint on the whole node
 * @param value the offending value, or {@code null}
 * @param message what is wrong, in English
 * @param messageZh what is wrong, in Chinese, where the shape says it
 * @param constraint the SHACL constraint component broken, such as {@code MinCountConstraintComponent}
 */
public record Violation(
        String focusNode, String field, String value, String message, String messageZh, String constraint) {

    @Override
    public String toString() {
        return focusNode + (field == null ? "" : " " + field) + (value == null ? "" : " = " + value) + ": " + message;
    }
}
