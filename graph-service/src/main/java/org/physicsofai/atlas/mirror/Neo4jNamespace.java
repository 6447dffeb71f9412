package org.physicsofai.atlas.mirror;

import java.util.regex.Pattern;

/**
 * Where one mirror lives in a Neo4j database. Neo4j Community holds one database, so mirrors of
 * several stores (a test's stores, or several deployments sharing one server) are told apart by their
 * base labels: the default namespace uses {@code :Resource} and {@code :MirroredContribution}; namespace
 * {@code ns} uses {@code :Resource_ns} and {@code :MirroredContribution_ns}, with constraints of its own.
 * Relationships need no mark: they only ever join two nodes of the same namespace. Both the mirror's
 * writes and {@link Neo4jEvidenceTracer}'s reads are scoped by it.
 *
 * <p>The labels are written into Cypher text (an index lookup on a dynamic label is not planned as an
 * index seek), so a namespace must match {@value #NAME}: it comes from configuration, never from a user.
 *
 * @param name empty for the default namespace
 */
record Neo4jNamespace(String name) {

    static final String NAME = "[A-Za-z][A-Za-z0-9]{0,31}";
    static final Neo4jNamespace DEFAULT = new Neo4jNamespace("");
    private static final Pattern VALID = Pattern.compile(NAME);
    private static final Pattern RESOURCE = Pattern.compile(":Resource\\b");
    private static final Pattern CONTRIBUTION = Pattern.compile(":MirroredContribution\\b");

    Neo4jNamespace {
        name = name == null ? "" : name.strip();
        if (!name.isEmpty() && !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "namespace: must match " + NAME + " (letters and digits, starting with a letter), not " + name);
        }
    }

    static Neo4jNamespace of(String name) {
        return new Neo4jNamespace(name);
    }

    private String suffix() {
        return name.isEmpty() ? "" : "_" + name;
    }

    /** The label of every node the mirror projects. */
    String resource() {
        return "Resource" + suffix();
    }

    /** The label of the nodes recording which contributions the mirror holds. */
    String contribution() {
        return "MirroredContribution" + suffix();
    }

    String resourceConstraint() {
        return "atlas_resource_iri" + suffix();
    }

    String contributionConstraint() {
        return "atlas_contribution_iri" + suffix();
    }

    /** The query with its {@code :Resource} and {@code :MirroredContribution} labels moved to this namespace. */
    String scope(String cypher) {
        if (name.isEmpty()) {
            return cypher;
        }
        String scoped = RESOURCE.matcher(cypher).replaceAll(":" + resource());
        return CONTRIBUTION.matcher(scoped).replaceAll(":" + contribution());
    }
}
