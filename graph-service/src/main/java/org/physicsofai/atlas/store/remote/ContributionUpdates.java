package org.physicsofai.atlas.store.remote;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.sparql.syntax.syntaxtransform.UpdateTransformOps;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.apache.jena.vocabulary.RDF;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;

/**
 * Builds the SPARQL updates of each write as one {@link UpdateRequest}, which the server runs as one transaction.
 *
 * <p>Values enter only as {@link Node}s: the contribution's statements as quad data, everything else by
 * substituting the variables of fixed templates. Each template that changes knowledge is guarded by the status it
 * expects, evaluated by the server inside the request, so that the default graph stays the union of the accepted
 * contributions even if another Atlas instance changed a status between our checks and our update.
 */
final class ContributionUpdates {

    static final Node PROVENANCE = NodeFactory.createURI(KnowledgeStore.PROVENANCE_GRAPH);
    static final Node GENERATED_AT = NodeFactory.createURI("http://www.w3.org/ns/prov#generatedAtTime");
    static final Node ATTRIBUTED_TO = NodeFactory.createURI("http://www.w3.org/ns/prov#wasAttributedTo");

    private static final String PREFIXES = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            """;

    /** Names an agent unless it already has a name. */
    private static final UpdateRequest NAME_AGENT = template("""
            INSERT { GRAPH ?provenance { ?agent skos:prefLabel ?name } }
            WHERE { FILTER NOT EXISTS { GRAPH ?provenance { ?agent skos:prefLabel ?anyName } } }
            """);

    /** Moves ?g from status ?from (or ?alsoFrom) to ?to, recording who decided, when and why. */
    private static final UpdateRequest CHANGE_STATUS = template("""
            DELETE { GRAPH ?provenance { ?g atlas:status ?status . ?g atlas:reviewedBy ?oldReviewer .
                                         ?g atlas:reviewedAt ?oldAt . ?g atlas:statusReason ?oldReason } }
            INSERT { GRAPH ?provenance { ?g atlas:status ?to . ?g atlas:reviewedBy ?reviewer .
                                         ?g atlas:reviewedAt ?now . ?g atlas:statusReason ?reason .
                                         ?reviewer a atlas:Agent } }
            WHERE { GRAPH ?provenance {
                ?g atlas:status ?status .
                FILTER (?status IN (?from, ?alsoFrom))
                OPTIONAL { ?g atlas:reviewedBy ?oldReviewer }
                OPTIONAL { ?g atlas:reviewedAt ?oldAt }
                OPTIONAL { ?g atlas:statusReason ?oldReason } } }
            """);

    /** Copies an accepted contribution's statements into the default graph (blank nodes stay the same nodes). */
    private static final UpdateRequest ADD_TO_KNOWLEDGE = template("""
            INSERT { ?s ?p ?o }
            WHERE { GRAPH ?provenance { ?g atlas:status atlas:accepted } GRAPH ?g { ?s ?p ?o } }
            """);

    /** Takes an accepted contribution's statements out of knowledge unless another accepted one asserts them. */
    private static final UpdateRequest REMOVE_FROM_KNOWLEDGE = template("""
            DELETE { ?s ?p ?o }
            WHERE { GRAPH ?provenance { ?g atlas:status atlas:accepted } GRAPH ?g { ?s ?p ?o }
                FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER (?other != ?g)
                                    GRAPH ?provenance { ?other atlas:status atlas:accepted } } }
            """);

    /**
     * Takes the statements of the accepted contributions that accepted ?g supersedes out of knowledge, unless an
     * accepted contribution that stays (not superseded by ?g) asserts them.
     */
    private static final UpdateRequest REMOVE_SUPERSEDED = template("""
            DELETE { ?s ?p ?o }
            WHERE { GRAPH ?provenance { ?g atlas:status atlas:accepted ; atlas:supersedes ?old .
                                        ?old atlas:status atlas:accepted }
                GRAPH ?old { ?s ?p ?o }
                FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o }
                                    GRAPH ?provenance { ?other atlas:status atlas:accepted
                                                        FILTER NOT EXISTS { ?g atlas:supersedes ?other } } } }
            """);

    /** Marks the pending or accepted contributions that accepted ?g supersedes as superseded. */
    private static final UpdateRequest MARK_SUPERSEDED = template("""
            DELETE { GRAPH ?provenance { ?old atlas:status ?status . ?old atlas:reviewedBy ?oldReviewer .
                                         ?old atlas:reviewedAt ?oldAt . ?old atlas:statusReason ?oldReason } }
            INSERT { GRAPH ?provenance { ?old atlas:status atlas:superseded . ?old atlas:reviewedBy ?reviewer .
                                         ?old atlas:reviewedAt ?now . ?old atlas:statusReason ?reason } }
            WHERE { GRAPH ?provenance {
                ?g atlas:status atlas:accepted ; atlas:supersedes ?old .
                ?old atlas:status ?status .
                FILTER (?status IN (atlas:accepted, atlas:pending))
                OPTIONAL { ?old atlas:reviewedBy ?oldReviewer }
                OPTIONAL { ?old atlas:reviewedAt ?oldAt }
                OPTIONAL { ?old atlas:statusReason ?oldReason } } }
            """);

    private ContributionUpdates() {}

    /** Stores a new pending contribution: its statements, its provenance and its agent's name. */
    static UpdateRequest submit(Node graph, NewContribution c, String hash, Instant now) {
        UpdateRequest request = new UpdateRequest();
        QuadDataAcc assertions = new QuadDataAcc();
        c.assertions().find().forEachRemaining(t -> assertions.addQuad(Quad.create(graph, t)));
        request.add(new UpdateDataInsert(assertions));

        Node agent = NodeFactory.createURI(c.agent().iri());
        QuadDataAcc provenance = new QuadDataAcc();
        provenance.addQuad(Quad.create(PROVENANCE, agent, RDF.type.asNode(), Atlas.Agent.asNode()));
        provenance.addQuad(Quad.create(PROVENANCE, graph, RDF.type.asNode(), Atlas.Contribution.asNode()));
        provenance.addQuad(Quad.create(PROVENANCE, graph, Atlas.status.asNode(), ContributionStatus.PENDING.node()));
        provenance.addQuad(
                Quad.create(PROVENANCE, graph, Atlas.method.asNode(), c.method().node()));
        provenance.addQuad(Quad.create(PROVENANCE, graph, ATTRIBUTED_TO, agent));
        provenance.addQuad(Quad.create(PROVENANCE, graph, GENERATED_AT, dateTime(now)));
        provenance.addQuad(Quad.create(PROVENANCE, graph, Atlas.contentHash.asNode(), literal(hash)));
        provenance.addQuad(Quad.create(
                PROVENANCE,
                graph,
                Atlas.tripleCount.asNode(),
                NodeFactory.createLiteralDT(Long.toString(c.assertions().size()), XSDDatatype.XSDinteger)));
        optional(provenance, graph, Atlas.sourceFile.asNode(), c.sourceFile());
        optional(provenance, graph, Atlas.sourceHash.asNode(), c.sourceHash());
        optional(provenance, graph, Atlas.version.asNode(), c.toolVersion());
        for (String old : c.supersedes()) {
            provenance.addQuad(Quad.create(PROVENANCE, graph, Atlas.supersedes.asNode(), NodeFactory.createURI(old)));
        }
        request.add(new UpdateDataInsert(provenance));
        nameAgent(request, c.agent());
        return request;
    }

    /**
     * Adds to {@code request} the updates that accept pending {@code graph}: its status, its statements into
     * knowledge, and the contributions it supersedes out of it.
     */
    static UpdateRequest accept(UpdateRequest request, Node graph, AgentRef reviewer, String reason, Instant now) {
        changeStatus(
                request,
                graph,
                ContributionStatus.PENDING,
                ContributionStatus.PENDING,
                ContributionStatus.ACCEPTED,
                reviewer,
                reason,
                now);
        Map<Var, Node> g = bindings(graph);
        add(request, ADD_TO_KNOWLEDGE, g);
        add(request, REMOVE_SUPERSEDED, g);
        Map<Var, Node> superseding = bindings(graph);
        superseding.put(Var.alloc("reviewer"), NodeFactory.createURI(reviewer.iri()));
        superseding.put(Var.alloc("now"), dateTime(now));
        superseding.put(Var.alloc("reason"), literal("Superseded by " + graph.getURI()));
        add(request, MARK_SUPERSEDED, superseding);
        return request;
    }

    /** The updates that retract a pending or accepted {@code graph}: out of knowledge first, then its status. */
    static UpdateRequest retract(Node graph, AgentRef reviewer, String reason, Instant now) {
        UpdateRequest request = new UpdateRequest();
        add(request, REMOVE_FROM_KNOWLEDGE, bindings(graph));
        changeStatus(
                request,
                graph,
                ContributionStatus.PENDING,
                ContributionStatus.ACCEPTED,
                ContributionStatus.RETRACTED,
                reviewer,
                reason,
                now);
        return request;
    }

    private static void changeStatus(
            UpdateRequest request,
            Node graph,
            ContributionStatus from,
            ContributionStatus alsoFrom,
            ContributionStatus to,
            AgentRef reviewer,
            String reason,
            Instant now) {
        Map<Var, Node> values = bindings(graph);
        values.put(Var.alloc("from"), from.node());
        values.put(Var.alloc("alsoFrom"), alsoFrom.node());
        values.put(Var.alloc("to"), to.node());
        values.put(Var.alloc("reviewer"), NodeFactory.createURI(reviewer.iri()));
        values.put(Var.alloc("now"), dateTime(now));
        if (reason != null && !reason.isBlank()) {
            values.put(Var.alloc("reason"), literal(reason));
        }
        add(request, CHANGE_STATUS, values);
        nameAgent(request, reviewer);
    }

    private static void nameAgent(UpdateRequest request, AgentRef agent) {
        Map<Var, Node> values = new HashMap<>();
        values.put(Var.alloc("provenance"), PROVENANCE);
        values.put(Var.alloc("agent"), NodeFactory.createURI(agent.iri()));
        values.put(Var.alloc("name"), literal(agent.name()));
        add(request, NAME_AGENT, values);
    }

    private static Map<Var, Node> bindings(Node graph) {
        Map<Var, Node> values = new HashMap<>();
        values.put(Var.alloc("provenance"), PROVENANCE);
        values.put(Var.alloc("g"), graph);
        return values;
    }

    private static void add(UpdateRequest request, UpdateRequest template, Map<Var, Node> values) {
        for (Update update : UpdateTransformOps.transform(template, values)) {
            request.add(update);
        }
    }

    private static void optional(QuadDataAcc data, Node graph, Node predicate, String value) {
        if (value != null && !value.isBlank()) {
            data.addQuad(Quad.create(PROVENANCE, graph, predicate, literal(value)));
        }
    }

    private static Node literal(String text) {
        return NodeFactory.createLiteralString(text);
    }

    static Node dateTime(Instant instant) {
        return NodeFactory.createLiteralDT(instant.toString(), XSDDatatype.XSDdateTime);
    }

    private static UpdateRequest template(String text) {
        return UpdateFactory.create(PREFIXES + text);
    }
}
