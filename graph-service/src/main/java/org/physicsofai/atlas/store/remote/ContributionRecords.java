package org.physicsofai.atlas.store.remote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementTriplesBlock;
import org.apache.jena.vocabulary.RDF;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;

/** Reads contributions' provenance from the provenance graph with SELECT queries, values as {@code VALUES}. */
final class ContributionRecords {

    private static final Var C = Var.alloc("c");
    private static final Var HASH = Var.alloc("hash");
    private static final Var CREATED = Var.alloc("created");

    private static final String RECORDS;

    static {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                PREFIX prov: <http://www.w3.org/ns/prov#>
                PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                SELECT ?c ?status ?method ?agent ?agentName ?created ?hash ?file ?count ?old ?reviewedBy ?reviewedAt
                       ?reason
                WHERE { GRAPH ?provenance {
                    ?c a atlas:Contribution ; atlas:status ?status ; atlas:method ?method ;
                       prov:wasAttributedTo ?agent ; prov:generatedAtTime ?created ; atlas:contentHash ?hash .
                    OPTIONAL { ?agent skos:prefLabel ?agentName }
                    OPTIONAL { ?c atlas:sourceFile ?file }
                    OPTIONAL { ?c atlas:tripleCount ?count }
                    OPTIONAL { ?c atlas:supersedes ?old }
                    OPTIONAL { ?c atlas:reviewedBy ?reviewedBy }
                    OPTIONAL { ?c atlas:reviewedAt ?reviewedAt }
                    OPTIONAL { ?c atlas:statusReason ?reason } } }
                """);
        pss.setParam("provenance", ContributionUpdates.PROVENANCE);
        RECORDS = pss.toString();
    }

    private ContributionRecords() {}

    /** The query for the records of these contributions. */
    static Query byIri(Collection<Node> contributions) {
        Query query = new ParameterizedSparqlString(RECORDS).asQuery();
        query.setValuesDataBlock(
                List.of(C),
                contributions.stream().map(c -> BindingFactory.binding(C, c)).toList());
        return query;
    }

    /** The query for the records of the contributions with this content hash. */
    static Query byHash(Node hash) {
        Query query = new ParameterizedSparqlString(RECORDS).asQuery();
        query.setValuesDataBlock(List.of(HASH), List.of(BindingFactory.binding(HASH, hash)));
        return query;
    }

    /** The query for the IRIs of the newest contributions that match the filter, newest first. */
    static Query newest(ContributionFilter filter) {
        ElementTriplesBlock block = new ElementTriplesBlock();
        block.addTriple(Triple.create(C, RDF.type.asNode(), Atlas.Contribution.asNode()));
        block.addTriple(Triple.create(C, ContributionUpdates.GENERATED_AT, CREATED));
        if (filter.status() != null) {
            block.addTriple(
                    Triple.create(C, Atlas.status.asNode(), filter.status().node()));
        }
        if (filter.method() != null) {
            block.addTriple(
                    Triple.create(C, Atlas.method.asNode(), filter.method().node()));
        }
        if (filter.sourceFile() != null) {
            block.addTriple(
                    Triple.create(C, Atlas.sourceFile.asNode(), NodeFactory.createLiteralString(filter.sourceFile())));
        }
        ElementGroup where = new ElementGroup();
        where.addElement(new ElementNamedGraph(ContributionUpdates.PROVENANCE, block));
        Query query = new Query();
        query.setQuerySelectType();
        query.addResultVar(C);
        query.addResultVar(CREATED);
        query.setQueryPattern(where);
        query.addOrderBy(new SortCondition(CREATED, Query.ORDER_DESCENDING));
        query.setLimit(filter.limit());
        return query;
    }

    /** Groups the rows of a records query into records, newest first. */
    static List<ContributionRecord> read(RowSet rows) {
        Map<Node, List<Binding>> byContribution = new LinkedHashMap<>();
        rows.forEachRemaining(row -> byContribution
                .computeIfAbsent(row.get(C), c -> new ArrayList<>())
                .add(row));
        List<ContributionRecord> records = new ArrayList<>();
        byContribution.forEach((c, bindings) -> records.add(record(c, bindings)));
        records.sort(Comparator.comparing(ContributionRecord::created).reversed());
        return records;
    }

    private static ContributionRecord record(Node c, List<Binding> rows) {
        Binding first = rows.getFirst();
        TreeSet<String> supersedes = new TreeSet<>();
        rows.stream().map(r -> r.get("old")).filter(n -> n != null).forEach(n -> supersedes.add(n.getURI()));
        Node agent = first.get("agent");
        return new ContributionRecord(
                c.getURI(),
                ContributionStatus.of(first.get("status")),
                ContributionMethod.of(first.get("method")),
                new AgentRef(agent.getURI(), text(first, "agentName", agent.getURI())),
                instant(first.get("created")),
                first.get("hash").getLiteralLexicalForm(),
                text(first, "file", null),
                first.get("count") == null
                        ? 0L
                        : Long.parseLong(first.get("count").getLiteralLexicalForm()),
                List.copyOf(supersedes),
                first.get("reviewedBy") == null ? null : first.get("reviewedBy").getURI(),
                first.get("reviewedAt") == null ? null : instant(first.get("reviewedAt")),
                text(first, "reason", null));
    }

    private static String text(Binding row, String var, String otherwise) {
        Node node = row.get(var);
        return node == null ? otherwise : node.getLiteralLexicalForm();
    }

    private static Instant instant(Node literal) {
        return Instant.parse(literal.getLiteralLexicalForm());
    }
}
