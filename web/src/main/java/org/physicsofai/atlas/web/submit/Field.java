package org.physicsofai.atlas.web.submit;

import java.util.List;

/**
 * One input of a submission form, read from a SHACL property shape.
 *
 * @param name the request parameter name (the property's prefixed name, {@code :} replaced by {@code _})
 * @param path the property IRI
 * @param labelKey the message key for the field's label ({@code field.<localName>})
 * @param fallbackLabel the shape's {@code sh:name}, used when the bundle has no label
 * @param kind how the value is entered
 * @param required {@code sh:minCount} at least 1
 * @param multiple more than one value allowed (entered one per line)
 * @param options allowed values for a choice
 * @param classes the classes a reference must point to
 * @param nested sub-fields of a dependent node (law parameters, configuration settings)
 */
public record Field(
        String name,
        String path,
        String labelKey,
        String fallbackLabel,
        Kind kind,
        boolean required,
        boolean multiple,
        List<Option> options,
        List<String> classes,
        List<Field> nested) {

    public Field {
        options = List.copyOf(options);
        classes = List.copyOf(classes);
        nested = List.copyOf(nested);
    }

    /** How a value is entered, and how it becomes an RDF term. */
    public enum Kind {
        TEXT_EN_ZH,
        TEXT,
        /** Long text such as Markdown, entered in a large box. */
        LONG_TEXT,
        NUMBER,
        INTEGER,
        YEAR,
        BOOLEAN,
        CHOICE,
        REFERENCE,
        IRI,
        LITERAL,
        NESTED
    }

    /** One allowed value and its labels. */
    public record Option(String iri, String labelEn, String labelZh) {}
}
