package org.physicsofai.atlas.web.submit;

import java.util.List;

/**
 * The form for one kind of node.
 *
 * @param type the path segment and message key of the kind ({@code observation}, {@code claim}, ...)
 * @param classIri the class of the node the form creates
 */
public record FormDefinition(String type, String classIri, List<Field> fields) {

    public FormDefinition {
        fields = List.copyOf(fields);
    }
}
