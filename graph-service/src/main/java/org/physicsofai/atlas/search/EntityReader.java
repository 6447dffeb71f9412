package org.physicsofai.atlas.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.entity.LabelRule;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.KnowledgeStore;

/** Reads what the index needs about entities from accepted knowledge (the store's default graph). */
final class EntityReader {

    static final List<String> TYPES = SearchIndex.TYPES;

    private static final int CHUNK = 400;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Set<String> LABEL =
            Set.of(SKOS.prefLabel.getURI(), RDFS.label.getURI(), DCTerms.title.getURI());
    private static final Set<String> ALT = Set.of(SKOS.altLabel.getURI(), Atlas.symbol.getURI());
    private static final Set<String> TEXT = Set.of(
            SKOS.definition.getURI(),
            DCTerms.description.getURI(),
            Atlas.statement.getURI(),
            Atlas.regime.getURI(),
            Atlas.computation.getURI(),
            Atlas.text.getURI(),
            Atlas.event.getURI(),
            Atlas.authors.getURI(),
            Atlas.venue.getURI(),
            Atlas.formula.getURI());
    private static final Set<String> IDENTIFIER =
            Set.of(Atlas.arxivId.getURI(), Atlas.doi.getURI(), Atlas.symbol.getURI(), Atlas.version.getURI());

    private static final String ALL = "SELECT DISTINCT ?s WHERE { ?s a ?type . FILTER(isIRI(?s)) }";
    private static final String OUTGOING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }";
    private static final String CONFIG_KEYS = "SELECT ?s ?key WHERE { ?s <" + Atlas.hasConfig.getURI() + "> ?c . ?c <"
            + Atlas.configKey.getURI() + "> ?key }";
    /**
     * Links to an entity, not counting a detector's attribution of its observations ({@code
     * atlas:detectedBy}): provenance, which would otherwise make every detector the most connected node.
     */
    private static final String INCOMING = "SELECT ?s (COUNT(?x) AS ?n) WHERE { ?x ?p ?s FILTER (?p != <"
            + Atlas.detectedBy.getURI() + ">) } GROUP BY ?s";

    private static final String CONFIG_OWNERS = "SELECT DISTINCT ?s WHERE { ?s <" + Atlas.hasConfig.getURI() + "> ?c }";

    private final KnowledgeStore store;

    EntityReader(KnowledgeStore store) {
        this.store = store;
    }

    /** Every searchable entity's IRI. */
    List<String> allEntities() {
        List<String> iris = new ArrayList<>();
        select(
                withValues(ALL, "type", TYPES.stream().map(t -> Atlas.NS + t).toList()),
                row -> iris.add(row.get("s").getURI()));
        return iris;
    }

    /**
     * The entities whose documents a contribution's statements can change: its subjects, the nodes
     * they link to (their connectedness changes), and the runs and experiments that own a changed
     * configuration setting.
     */
    Set<String> affectedBy(Graph assertions) {
        Set<String> iris = new LinkedHashSet<>();
        Set<String> subjects = new LinkedHashSet<>();
        assertions.find().forEachRemaining((Triple t) -> {
            if (t.getSubject().isURI()) {
                subjects.add(t.getSubject().getURI());
            }
            if (t.getObject().isURI() && !t.getPredicate().equals(RDF.type.asNode())) {
                iris.add(t.getObject().getURI());
            }
        });
        iris.addAll(subjects);
        for (List<String> chunk : chunks(new ArrayList<>(subjects))) {
            select(
                    withValues(CONFIG_OWNERS, "c", chunk),
                    row -> iris.add(row.get("s").getURI()));
        }
        return iris;
    }

    /** The searchable ones among the given entities, as the index should hold them. */
    List<IndexedEntity> read(Collection<String> iris) {
        List<IndexedEntity> entities = new ArrayList<>();
        for (List<String> chunk : chunks(new ArrayList<>(iris))) {
            entities.addAll(readChunk(chunk));
        }
        return entities;
    }

    private List<IndexedEntity> readChunk(List<String> iris) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        select(
                withValues(OUTGOING, "s", iris),
                row -> builders.computeIfAbsent(row.get("s").getURI(), Builder::new)
                        .add(row.get("p").getURI(), row.get("o")));
        select(withValues(CONFIG_KEYS, "s", iris), row -> {
            Builder b = builders.get(row.get("s").getURI());
            if (b != null && row.get("key").isLiteral()) {
                String key = row.get("key").getLiteralLexicalForm();
                b.identifiers.add(key);
            }
        });
        select(withValues(INCOMING, "s", iris), row -> {
            Builder b = builders.get(row.get("s").getURI());
            if (b != null) {
                b.degree += Integer.parseInt(row.get("n").getLiteralLexicalForm());
            }
        });
        return builders.values().stream()
                .filter(b -> !b.types.isEmpty())
                .map(Builder::build)
                .toList();
    }

    /** The query with the IRIs bound to the variable by a VALUES block at the start of its pattern. */
    static Query withValues(String template, String variable, List<String> iris) {
        Query query = QueryFactory.create(template);
        Var var = Var.alloc(variable);
        ElementData data = new ElementData();
        data.add(var);
        iris.forEach(iri -> data.add(BindingFactory.binding(var, NodeFactory.createURI(iri))));
        ((ElementGroup) query.getQueryPattern()).getElements().addFirst(data);
        return query;
    }

    private void select(Query query, Consumer<Binding> onRow) {
        store.query(query, TIMEOUT, exec -> {
            exec.select().forEachRemaining(onRow);
            return null;
        });
    }

    private static List<List<String>> chunks(List<String> all) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }

    static String localName(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return iri.substring(cut + 1);
    }

    /** Collects one entity's statements into the fields of its document. */
    private static final class Builder {
        private final String iri;
        private final Set<String> types = new LinkedHashSet<>();
        private final Set<String> labelsEn = new LinkedHashSet<>();
        private final Set<String> labelsZh = new LinkedHashSet<>();
        private final Set<String> altEn = new LinkedHashSet<>();
        private final Set<String> altZh = new LinkedHashSet<>();
        private final Set<String> textEn = new LinkedHashSet<>();
        private final Set<String> textZh = new LinkedHashSet<>();
        private final Set<String> identifiers = new LinkedHashSet<>();
        private final Set<String> links = new LinkedHashSet<>();
        private final LabelRule name = new LabelRule();
        private Integer year;
        private int degree;

        Builder(String iri) {
            this.iri = iri;
            identifiers.add(localName(iri));
        }

        void add(String predicate, Node object) {
            if (predicate.equals(RDF.type.getURI())) {
                if (object.isURI() && object.getURI().startsWith(Atlas.NS)) {
                    String type = object.getURI().substring(Atlas.NS.length());
                    if (TYPES.contains(type)) {
                        types.add(type);
                    }
                }
                return;
            }
            name.offer(predicate, object);
            if (object.isURI()) {
                degree++;
                links.add(object.getURI());
                if (predicate.equals(Atlas.unit.getURI())) {
                    identifiers.add(localName(object.getURI()));
                }
                return;
            }
            if (!object.isLiteral()) {
                return;
            }
            String text = object.getLiteralLexicalForm();
            boolean zh = object.getLiteralLanguage()
                    .toLowerCase(java.util.Locale.ROOT)
                    .startsWith("zh");
            if (LABEL.contains(predicate)) {
                (zh ? labelsZh : labelsEn).add(text);
            } else if (ALT.contains(predicate)) {
                (zh ? altZh : altEn).add(text);
            } else if (TEXT.contains(predicate)) {
                (zh ? textZh : textEn).add(text);
            }
            if (IDENTIFIER.contains(predicate)) {
                identifiers.add(text);
            }
            if (predicate.equals(DCTerms.issued.getURI()) && year == null && text.matches("\\d{4}.*")) {
                year = Integer.valueOf(text.substring(0, 4));
            }
        }

        IndexedEntity build() {
            List<String> ordered = TYPES.stream().filter(types::contains).toList();
            return new IndexedEntity(
                    iri,
                    ordered,
                    List.copyOf(labelsEn),
                    List.copyOf(labelsZh),
                    List.copyOf(altEn),
                    List.copyOf(altZh),
                    List.copyOf(textEn),
                    List.copyOf(textZh),
                    List.copyOf(identifiers),
                    List.copyOf(links),
                    year,
                    degree,
                    name.label("en").map(LabelRule.Label::text).orElse(null),
                    name.label("zh").map(LabelRule.Label::text).orElse(null));
        }
    }
}
