package org.physicsofai.atlas.web.submit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.util.graph.GNode;
import org.apache.jena.sparql.util.graph.GraphList;
import org.apache.jena.vocabulary.RDFS;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.springframework.stereotype.Component;

/**
 * Builds the submission forms from the SHACL shapes, so that a form asks for exactly what the shape
 * that validates it requires. A class's form holds the property shapes of its own shape and of its
 * super-classes' shapes (a law is also a claim).
 */
@Component
public class ShapeForms {

    private static final String SH = "http://www.w3.org/ns/shacl#";
    private static final Node TARGET_CLASS = sh("targetClass");
    private static final Node PROPERTY = sh("property");

    /** The kinds of node a contributor may propose, by the path segment of their form. */
    private static final Map<String, Resource> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("observation", Atlas.Observation);
        TYPES.put("claim", Atlas.Claim);
        TYPES.put("law", Atlas.Law);
        TYPES.put("experiment", Atlas.Experiment);
        TYPES.put("phenomenon", Atlas.Phenomenon);
        TYPES.put("observable", Atlas.Observable);
        TYPES.put("source", Atlas.Source);
        TYPES.put("insight", Atlas.Insight);
    }

    /** Properties that only curators and importers set. */
    private static final Set<String> HIDDEN =
            Set.of(Atlas.verification.getURI(), Atlas.series.getURI(), "http://www.w3.org/ns/dcat#downloadURL");

    /** Classes whose nodes exist only as parts of another node, entered inline. */
    private static final Set<String> DEPENDENT = Set.of(Atlas.LawParameter.getURI(), Atlas.ConfigSetting.getURI());

    /** Fields that read best first, in this order; the rest follow by name. */
    private static final List<String> FIRST = List.of(
            "http://www.w3.org/2004/02/skos/core#prefLabel",
            "http://purl.org/dc/terms/title",
            Atlas.statement.getURI(),
            Atlas.formula.getURI(),
            Atlas.run.getURI(),
            Atlas.observable.getURI(),
            Atlas.value.getURI(),
            Atlas.unit.getURI(),
            Atlas.step.getURI(),
            Atlas.event.getURI(),
            Atlas.text.getURI(),
            Atlas.symbol.getURI(),
            Atlas.configKey.getURI(),
            Atlas.configValue.getURI(),
            "http://www.w3.org/2004/02/skos/core#altLabel",
            "http://www.w3.org/2004/02/skos/core#definition");

    private final Graph shapes = AtlasOntology.shapesGraph();
    private final Graph ontology = AtlasOntology.ontologyGraph();
    private final Map<String, FormDefinition> forms = new LinkedHashMap<>();

    public ShapeForms() {
        TYPES.forEach((type, cls) -> forms.put(type, new FormDefinition(type, cls.getURI(), fields(cls.asNode(), ""))));
    }

    public Optional<FormDefinition> form(String type) {
        return Optional.ofNullable(forms.get(type));
    }

    public List<FormDefinition> all() {
        return List.copyOf(forms.values());
    }

    private List<Field> fields(Node cls, String prefix) {
        Map<String, Field> byPath = new LinkedHashMap<>();
        for (Node c : withSuperClasses(cls)) {
            for (Node shape : subjects(TARGET_CLASS, c)) {
                for (Node property : objects(shape, PROPERTY)) {
                    Node path = one(property, sh("path"));
                    if (path == null || !path.isURI() || HIDDEN.contains(path.getURI())) {
                        continue;
                    }
                    byPath.putIfAbsent(path.getURI(), field(property, path, prefix));
                }
            }
        }
        List<Field> fields = new ArrayList<>(byPath.values());
        fields.sort(Comparator.comparingInt((Field f) -> rank(f.path())).thenComparing(Field::name));
        return fields;
    }

    private Field field(Node property, Node path, String prefix) {
        String name = prefix + AtlasOntology.prefixes().shortForm(path.getURI()).replace(':', '_');
        String localName = path.getURI().replaceAll(".*[#/]", "");
        Node minCount = one(property, sh("minCount"));
        Node maxCount = one(property, sh("maxCount"));
        boolean required = minCount != null && Integer.parseInt(minCount.getLiteralLexicalForm()) > 0;
        boolean multiple = maxCount == null || Integer.parseInt(maxCount.getLiteralLexicalForm()) > 1;
        Node nameNode = one(property, sh("name"));
        String fallback = nameNode == null ? localName : nameNode.getLiteralLexicalForm();
        List<String> classes = classes(property);
        List<Field.Option> options = List.of();
        List<Field> nested = List.of();
        Field.Kind kind;
        Node in = one(property, sh("in"));
        Node datatype = one(property, sh("datatype"));
        Node nodeKind = one(property, sh("nodeKind"));
        if (in != null) {
            kind = Field.Kind.CHOICE;
            options = GraphList.members(new GNode(shapes, in)).stream()
                    .map(this::option)
                    .toList();
        } else if (!classes.isEmpty() && DEPENDENT.contains(classes.get(0))) {
            kind = Field.Kind.NESTED;
            nested = fields(NodeFactory.createURI(classes.get(0)), name + ".");
        } else if (!classes.isEmpty()) {
            kind = Field.Kind.REFERENCE;
        } else if (datatype != null) {
            kind = switch (datatype.getURI().replaceAll(".*#", "")) {
                case "langString" -> Field.Kind.TEXT_EN_ZH;
                case "double" -> Field.Kind.NUMBER;
                case "integer" -> Field.Kind.INTEGER;
                case "gYear" -> Field.Kind.YEAR;
                case "boolean" -> Field.Kind.BOOLEAN;
                default -> long_(property) ? Field.Kind.LONG_TEXT : Field.Kind.TEXT;
            };
        } else if (nodeKind != null && nodeKind.getURI().equals(SH + "IRI")) {
            kind = Field.Kind.IRI;
        } else if (nodeKind != null && nodeKind.getURI().equals(SH + "Literal")) {
            kind = Field.Kind.LITERAL;
        } else {
            kind = Field.Kind.TEXT;
        }
        return new Field(
                name,
                path.getURI(),
                "field." + localName,
                fallback,
                kind,
                required,
                multiple,
                options,
                classes,
                nested);
    }

    /** A text field that may hold more than a line or two gets a large box. */
    private boolean long_(Node property) {
        Node maxLength = one(property, sh("maxLength"));
        return maxLength != null && Integer.parseInt(maxLength.getLiteralLexicalForm()) >= 1000;
    }

    private List<String> classes(Node property) {
        List<String> classes = new ArrayList<>();
        Node cls = one(property, sh("class"));
        if (cls != null) {
            classes.add(cls.getURI());
        }
        Node or = one(property, sh("or"));
        if (or != null) {
            for (Node member : GraphList.members(new GNode(shapes, or))) {
                Node c = one(member, sh("class"));
                if (c != null) {
                    classes.add(c.getURI());
                }
            }
        }
        return classes;
    }

    private Field.Option option(Node value) {
        return new Field.Option(value.getURI(), label(value, "en"), label(value, "zh"));
    }

    private String label(Node node, String language) {
        return ontology.find(node, RDFS.label.asNode(), Node.ANY).toList().stream()
                .map(t -> t.getObject())
                .filter(o -> o.isLiteral() && o.getLiteralLanguage().equals(language))
                .map(Node::getLiteralLexicalForm)
                .findFirst()
                .orElse(node.getURI().replaceAll(".*#", ""));
    }

    private Set<Node> withSuperClasses(Node cls) {
        Set<Node> all = new LinkedHashSet<>();
        List<Node> todo = new ArrayList<>(List.of(cls));
        while (!todo.isEmpty()) {
            Node c = todo.remove(0);
            if (all.add(c)) {
                ontology.find(c, RDFS.subClassOf.asNode(), Node.ANY).forEach(t -> todo.add(t.getObject()));
            }
        }
        return all;
    }

    private static int rank(String path) {
        int index = FIRST.indexOf(path);
        return index < 0 ? FIRST.size() : index;
    }

    private List<Node> subjects(Node p, Node o) {
        return shapes.find(Node.ANY, p, o).toList().stream()
                .map(t -> t.getSubject())
                .toList();
    }

    private List<Node> objects(Node s, Node p) {
        return shapes.find(s, p, Node.ANY).toList().stream()
                .map(t -> t.getObject())
                .toList();
    }

    private Node one(Node s, Node p) {
        return shapes.find(s, p, Node.ANY).toList().stream()
                .map(t -> t.getObject())
                .findFirst()
                .orElse(null);
    }

    private static Node sh(String localName) {
        return NodeFactory.createURI(SH + localName);
    }
}
