package org.physicsofai.atlas.mirror;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names of labels, relationship types and property keys in the mirror, derived from IRIs.
 *
 * <p>The mirror never builds Cypher text from data: labels and relationship types go to Neo4j as
 * parameters too ({@code SET n:$($labels)}, {@code MERGE (a)-[r:$($type)]->(b)}). Still, a name is only
 * taken from an IRI's local name when it matches a strict whitelist ({@value #NAME}), so that the mirror
 * holds readable tokens and nothing odd ever becomes a label or a type; other IRIs give no label, and
 * their statements are not projected as relationships.
 */
final class Neo4jNames {

    static final String NAME = "[A-Za-z][A-Za-z0-9_]{0,63}";
    private static final Pattern VALID = Pattern.compile(NAME);

    private Neo4jNames() {}

    /** The local name of an IRI (after its last {@code #} or {@code /}), if it is a valid name. */
    static Optional<String> localName(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        String local = iri.substring(cut + 1);
        return VALID.matcher(local).matches() ? Optional.of(local) : Optional.empty();
    }

    /** The property key of a literal: the predicate's local name, with the language tag if any. */
    static Optional<String> propertyKey(String predicate, String language) {
        return localName(predicate).map(name -> {
            String key = Neo4jMirror.RESERVED.contains(name) ? "p_" + name : name;
            if (language == null || language.isEmpty()) {
                return key;
            }
            String tag = language.toLowerCase(Locale.ROOT).replace('-', '_');
            return tag.matches("[a-z0-9_]{1,20}") ? key + "_" + tag : key;
        });
    }
}
