package org.physicsofai.atlas.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.rdf.model.Property;
import org.physicsofai.atlas.ontology.Atlas;

/**
 * The links a trace may follow: the Atlas's structure and evidence links between entities.
 *
 * <p>Not followed: {@code rdf:type} (every run would be two hops from every other run through its
 * class), links to value sets ({@code atlas:certainty}, {@code atlas:verification}, {@code
 * atlas:verdict}, {@code atlas:unit}: closed vocabularies that every node of a kind shares), labels and
 * other literals, the ontology's own axioms ({@code rdfs:subClassOf}, {@code rdfs:domain}...) and the
 * provenance graph. See {@code docs/tracing.md}.
 */
public final class TraversableLinks {

    /** Evidence links and the stance each expresses. */
    public static final Map<String, Stance> EVIDENCE = evidence();

    /** Structure links: what is part of, about, measured by, configured by or stated in what. */
    public static final List<String> STRUCTURE = List.of(
                    Atlas.tracks,
                    Atlas.exhibits,
                    Atlas.partOf,
                    Atlas.usesModel,
                    Atlas.onTask,
                    Atlas.usesDataset,
                    Atlas.varies,
                    Atlas.holdsFixed,
                    Atlas.hasConfig,
                    Atlas.variable,
                    Atlas.observable,
                    Atlas.run,
                    Atlas.series,
                    Atlas.detectedBy,
                    Atlas.indicates,
                    Atlas.about,
                    Atlas.source,
                    Atlas.checksLaw,
                    Atlas.usesData,
                    Atlas.fittedParameter,
                    Atlas.hasParameter)
            .stream()
            .map(Property::getURI)
            .toList();

    /** Every traversable link: structure links first, then evidence links. */
    public static final List<String> ALL = java.util.stream.Stream.concat(
                    STRUCTURE.stream(), EVIDENCE.keySet().stream())
            .toList();

    private TraversableLinks() {}

    public static boolean traversable(String predicate) {
        return EVIDENCE.containsKey(predicate) || STRUCTURE.contains(predicate);
    }

    /** The stance of an evidence link, or empty for a structure link. */
    public static Optional<Stance> stance(String predicate) {
        return Optional.ofNullable(EVIDENCE.get(predicate));
    }

    private static Map<String, Stance> evidence() {
        Map<String, Stance> links = new LinkedHashMap<>();
        links.put(Atlas.supports.getURI(), Stance.SUPPORTS);
        links.put(Atlas.explains.getURI(), Stance.EXPLAINS);
        links.put(Atlas.refines.getURI(), Stance.REFINES);
        links.put(Atlas.qualifies.getURI(), Stance.QUALIFIES);
        links.put(Atlas.disputes.getURI(), Stance.DISPUTES);
        links.put(Atlas.evidence.getURI(), Stance.EVIDENCE);
        return java.util.Collections.unmodifiableMap(links);
    }
}
