package org.physicsofai.atlas.contribution;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContentHash;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads curated knowledge as {@code seed} contributions. Each named bundle (the ontology, the seed
 * data) is one contribution; loading the same content again changes nothing (and keeps any revision
 * of the bundle made through the Atlas since), and changed content supersedes whatever accepted
 * contributions stand for the bundle.
 */
public final class SeedLoader {

    /** The bundle name of the ontology's own contribution. */
    public static final String ONTOLOGY = "ontology/atlas.ttl";
    /** The bundle name of the curated seed data. */
    public static final String SEED_DATA = "seed-data";

    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);

    private final KnowledgeStore store;
    private final ContributionService contributions;
    private final String toolVersion;

    public SeedLoader(KnowledgeStore store, ContributionService contributions, String toolVersion) {
        this.store = store;
        this.contributions = contributions;
        this.toolVersion = toolVersion;
    }

    /** Loads the ontology shipped with the ontology module. */
    public Submission loadOntology() {
        return load(ONTOLOGY, Map.of(ONTOLOGY, AtlasOntology.resourceBytes(AtlasOntology.ONTOLOGY_RESOURCE)));
    }

    /**
     * Loads a bundle of Turtle files as one contribution.
     *
     * @param bundle the name the contribution is known by (its source)
     * @param files file name to Turtle bytes; parsed together, so they may refer to each other
     * @throws SeedException naming the file and line of a syntax error
     * @throws ValidationException if the bundle breaks the shapes
     */
    public Submission load(String bundle, Map<String, byte[]> files) {
        SortedMap<String, byte[]> sorted = new TreeMap<>(files);
        Graph graph = GraphFactory.createDefaultGraph();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        sorted.forEach((name, bytes) -> {
            try {
                RDFParser.fromString(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), Lang.TURTLE)
                        .base(AtlasOntology.ID_BASE)
                        .parse(graph);
            } catch (RiotException e) {
                throw new SeedException(name + ": " + e.getMessage(), e);
            }
            all.writeBytes(bytes);
        });
        if (graph.isEmpty()) {
            throw new SeedException(bundle + " holds no statements", null);
        }
        String hash = ContentHash.of(graph);
        Optional<ContributionRecord> lastSeed =
                store.contributions(new ContributionFilter(null, ContributionMethod.SEED, bundle, 1)).stream()
                        .findFirst();
        if (lastSeed.isPresent() && lastSeed.get().contentHash().equals(hash)) {
            // The files have not changed since they were last loaded: revisions made since still stand.
            return new Submission(lastSeed.get(), false);
        }
        // Changed files replace whatever now stands for the bundle: the previous seed or its revisions.
        List<String> current =
                store.contributions(new ContributionFilter(ContributionStatus.ACCEPTED, null, bundle, 100)).stream()
                        .map(ContributionRecord::iri)
                        .toList();
        Submission submission = contributions.submit(
                bundle,
                new NewContribution(
                        graph,
                        ContributionMethod.SEED,
                        AgentRef.CURATORS,
                        bundle,
                        ContentHash.ofBytes(all.toByteArray()),
                        toolVersion,
                        current,
                        true));
        log.info(
                "Loaded {} ({} statements) as {}{}",
                bundle,
                graph.size(),
                submission.contribution().iri(),
                current.isEmpty() ? "" : ", superseding " + String.join(", ", current));
        return submission;
    }
}
