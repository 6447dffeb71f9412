package org.physicsofai.atlas.store;

import java.util.List;

/**
 * What one committed write changed in accepted knowledge, told to {@link KnowledgeListener}s after the
 * commit. Read a contribution's statements with {@link KnowledgeStore#assertions(String)}.
 *
 * @param added contributions that became accepted
 * @param removed contributions that stopped being accepted (superseded or retracted)
 */
public record KnowledgeChange(List<String> added, List<String> removed) {

    public KnowledgeChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }
}
