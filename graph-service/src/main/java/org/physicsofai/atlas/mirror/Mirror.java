package org.physicsofai.atlas.mirror;

/** A copy of accepted knowledge kept in step by a background worker, such as {@link Neo4jMirror}. */
public interface Mirror {

    /** How far behind the mirror is, and how its last attempts went. */
    MirrorStatus status();

    /** Rebuilds the mirror from the store. */
    ResyncReport resync();

    /** What a {@link #resync} did: contributions applied, and the nodes and relationships the mirror then held. */
    record ResyncReport(long contributions, long nodes, long relationships, long millis) {}
}
