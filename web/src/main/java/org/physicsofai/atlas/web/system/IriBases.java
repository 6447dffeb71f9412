package org.physicsofai.atlas.web.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.stereotype.Component;

/**
 * The bases under which this Atlas's own nodes were minted: {@code atlas.base-iri} now, and every base an
 * earlier run minted contributions under (the same data on another port or host). Nodes minted under any
 * of them keep resolving at {@code /id/...}. The older bases are read from the provenance graph (a
 * contribution's IRI is {@code {base}contribution/...}) and kept until the store's next write (read
 * every time from a store that cannot tell of its writes).
 */
@Component
public class IriBases {

    private static final String MARK = "/id/contribution/";
    private static final Query BASES = QueryFactory.create("SELECT DISTINCT ?base WHERE { GRAPH <"
            + KnowledgeStore.PROVENANCE_GRAPH + "> { ?contribution a <" + Atlas.Contribution.getURI() + "> }"
            + " BIND (STR(?contribution) AS ?iri) FILTER (CONTAINS(?iri, \"" + MARK + "\"))"
            + " BIND (CONCAT(STRBEFORE(?iri, \"" + MARK + "\"), \"/id/\") AS ?base) }");

    private final AtlasProperties properties;
    private final KnowledgeStore store;

    /**
     * The bases read at a version of the store. Kept here rather than in {@link StoreReadCache}, because
     * they are asked for while that cache computes a page (a cache cannot compute within a computation).
     */
    private volatile Read last;

    private record Read(long version, List<String> bases) {}

    IriBases(AtlasProperties properties, KnowledgeStore store) {
        this.properties = properties;
        this.store = store;
    }

    /** The base new nodes are minted under. */
    public String current() {
        return properties.baseIri();
    }

    /** Every base of this Atlas's nodes, the current one first. */
    public List<String> all() {
        OptionalLong version = store.version();
        Read known = last;
        if (version.isPresent() && known != null && known.version() == version.getAsLong()) {
            return known.bases();
        }
        List<String> bases = read();
        if (version.isPresent()) {
            last = new Read(version.getAsLong(), bases);
        }
        return bases;
    }

    /** The IRIs {@code /id/{path}} may stand for, in the order to try them: the curated one first. */
    public List<String> candidates(String path) {
        List<String> iris = new ArrayList<>();
        iris.add(AtlasOntology.ID_BASE + path);
        all().stream()
                .map(base -> base + path)
                .filter(iri -> !iris.contains(iri))
                .forEach(iris::add);
        return iris;
    }

    /** The path under {@code /id/} of a node of this Atlas, minted under any of its bases. */
    public Optional<String> localPath(String iri) {
        if (iri.startsWith(AtlasOntology.ID_BASE)) {
            return Optional.of(iri.substring(AtlasOntology.ID_BASE.length()));
        }
        return all().stream().filter(iri::startsWith).findFirst().map(base -> iri.substring(base.length()));
    }

    private List<String> read() {
        List<String> bases = new ArrayList<>(List.of(current()));
        store.query(BASES, Duration.ofSeconds(30), exec -> {
            RowSet rows = exec.select();
            rows.forEachRemaining(row -> {
                String base = row.get("base").getLiteralLexicalForm();
                if ((base.startsWith("http://") || base.startsWith("https://")) && !bases.contains(base)) {
                    bases.add(base);
                }
            });
            return null;
        });
        return List.copyOf(bases);
    }
}
