package org.physicsofai.atlas.search;

import java.util.List;

/**
 * Full-text search over accepted knowledge. An index is derived from the knowledge store: it follows
 * every committed change, and can be rebuilt from the store at any time without losing anything.
 */
public interface SearchIndex extends AutoCloseable {

    /** The local names of the Atlas classes whose instances are searchable, most specific kind first. */
    List<String> TYPES = List.of(
            "Phenomenon",
            "Observable",
            "Law",
            "Claim",
            "Experiment",
            "Run",
            "Model",
            "Task",
            "Dataset",
            "Source",
            "Variable",
            "LawParameter",
            "Detector",
            "LawCheck",
            "Insight",
            "Series",
            "Observation");

    /** The searchable type with this local name, whatever its case. */
    static String type(String name) {
        return TYPES.stream()
                .filter(t -> t.equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "type: unknown type '" + name + "'; use one of " + String.join(", ", TYPES)));
    }

    SearchResults search(SearchQuery query);

    /** Entities whose names start with, or contain words starting with, what has been typed so far. */
    List<Suggestion> suggest(String prefix, String language, int limit);

    /**
     * Entities that the text names exactly (a whole label or alternative label in any language, or an
     * identifier), most connected first: how tracing reads a node typed by name.
     */
    List<Suggestion> named(String name, String language, int limit);

    /** The entities of one type, filtered and sorted, for browsing. */
    Listing list(ListingQuery query);

    /** Replaces the whole index with one built from the store's accepted knowledge. */
    RebuildReport rebuild();

    /** How many entities the index holds. */
    long size();

    @Override
    void close();

    /**
     * What a rebuild did.
     *
     * @param entities how many entities the rebuilt index holds
     * @param contributions how many accepted contributions it reflects
     * @param millis how long it took
     */
    record RebuildReport(long entities, int contributions, long millis) {}
}
