package org.physicsofai.atlas.web.submit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIs;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.physicsofai.atlas.ontology.AtlasOntology;

/**
 * Turns a submitted form into statements about one new node (and its dependent nodes), or into
 * problems per field when a value cannot even be read (a number that is not one, an address that is
 * not an IRI). The shapes then check the statements as a whole.
 */
final class FormReader {

    /** How many rows of dependent nodes (law parameters, configuration settings) a form offers. */
    static final int NESTED_ROWS = 6;

    /** A number as people write it, which is also a valid xsd:double lexical form. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final String baseIri;

    FormReader(String baseIri) {
        this.baseIri = baseIri;
    }

    /** The statements read, the node they describe, and the problems per field name. */
    record Reading(Node node, Graph graph, Map<String, List<String>> problems) {}

    Reading read(FormDefinition form, Map<String, String> values) {
        return read(
                form,
                values,
                NodeFactory.createURI(baseIri + form.type() + "/" + slug(values) + "-"
                        + UUID.randomUUID().toString().substring(0, 8)));
    }

    /** Reads the form as statements about a given node, as when a node is revised. */
    Reading read(FormDefinition form, Map<String, String> values, Node node) {
        Graph graph = GraphFactory.createDefaultGraph();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        graph.add(Triple.create(node, RDF.type.asNode(), NodeFactory.createURI(form.classIri())));
        for (Field field : form.fields()) {
            if (field.kind() == Field.Kind.NESTED) {
                readNested(field, node, values, graph, problems);
            } else {
                readField(field, node, values, graph, problems);
            }
        }
        return new Reading(node, graph, problems);
    }

    private void readNested(
            Field field, Node owner, Map<String, String> values, Graph graph, Map<String, List<String>> problems) {
        for (int row = 0; row < NESTED_ROWS; row++) {
            String prefix = field.name() + "[" + row + "].";
            boolean filled = field.nested().stream()
                    .anyMatch(f -> !values.getOrDefault(
                                    prefix + f.name().substring(field.name().length() + 1), "")
                            .isBlank());
            if (!filled) {
                continue;
            }
            Node part = NodeFactory.createURI(owner.getURI() + "/" + (row + 1));
            graph.add(Triple.create(owner, NodeFactory.createURI(field.path()), part));
            graph.add(Triple.create(
                    part,
                    RDF.type.asNode(),
                    NodeFactory.createURI(field.classes().get(0))));
            Map<String, String> rowValues = new LinkedHashMap<>();
            for (Field sub : field.nested()) {
                rowValues.put(
                        sub.name(),
                        values.getOrDefault(
                                prefix + sub.name().substring(field.name().length() + 1), ""));
            }
            for (Field sub : field.nested()) {
                Map<String, List<String>> rowProblems = new LinkedHashMap<>();
                readField(sub, part, rowValues, graph, rowProblems);
                rowProblems.forEach((name, messages) -> problems.computeIfAbsent(
                                prefix + name.substring(field.name().length() + 1), k -> new ArrayList<>())
                        .addAll(messages));
            }
        }
    }

    private void readField(
            Field field, Node node, Map<String, String> values, Graph graph, Map<String, List<String>> problems) {
        Node predicate = NodeFactory.createURI(field.path());
        if (field.kind() == Field.Kind.TEXT_EN_ZH) {
            for (String language : List.of("en", "zh")) {
                for (String line : lines(values.get(field.name() + "@" + language), field.multiple())) {
                    graph.add(Triple.create(node, predicate, NodeFactory.createLiteralLang(line, language)));
                }
            }
            return;
        }
        boolean references = field.kind() == Field.Kind.REFERENCE || field.kind() == Field.Kind.IRI;
        for (String text : references && field.multiple()
                ? words(values.get(field.name()))
                : lines(values.get(field.name()), field.multiple())) {
            try {
                graph.add(Triple.create(node, predicate, term(field, text)));
            } catch (IllegalArgumentException e) {
                problems.computeIfAbsent(field.name(), k -> new ArrayList<>()).add(e.getMessage());
            }
        }
    }

    private Node term(Field field, String text) {
        return switch (field.kind()) {
            case NUMBER -> {
                if (!DECIMAL.matcher(text).matches()) {
                    throw new IllegalArgumentException("field.problem.number");
                }
                yield NodeFactory.createLiteralDT(text, XSDDatatype.XSDdouble);
            }
            case INTEGER -> {
                try {
                    yield NodeFactory.createLiteralDT(new BigInteger(text).toString(), XSDDatatype.XSDinteger);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("field.problem.integer");
                }
            }
            case YEAR -> {
                if (!text.matches("\\d{4}")) {
                    throw new IllegalArgumentException("field.problem.year");
                }
                yield NodeFactory.createLiteralDT(text, XSDDatatype.XSDgYear);
            }
            case BOOLEAN ->
                NodeFactory.createLiteralDT(
                        Boolean.toString(text.equalsIgnoreCase("true") || text.equals("on")), XSDDatatype.XSDboolean);
            case CHOICE -> {
                if (field.options().stream().noneMatch(o -> o.iri().equals(text))) {
                    throw new IllegalArgumentException("field.problem.choice");
                }
                yield NodeFactory.createURI(text);
            }
            case REFERENCE, IRI -> NodeFactory.createURI(iri(text));
            case LITERAL -> literal(text);
            default -> NodeFactory.createLiteralString(text);
        };
    }

    /** Accepts a full IRI, or an entity path such as {@code /id/phenomenon/grokking}. */
    private String iri(String text) {
        String iri = text.startsWith("/id/") ? AtlasOntology.ID_BASE + text.substring("/id/".length()) : text;
        if (!(iri.startsWith("http://") || iri.startsWith("https://")) || !IRIs.check(iri)) {
            throw new IllegalArgumentException("field.problem.iri");
        }
        return iri;
    }

    /** A configuration value keeps its type: a number, a boolean, or text. */
    private static Node literal(String text) {
        if (text.matches("[-+]?\\d+")) {
            return NodeFactory.createLiteralDT(text, XSDDatatype.XSDinteger);
        }
        if (DECIMAL.matcher(text).matches()) {
            return NodeFactory.createLiteralDT(text, XSDDatatype.XSDdouble);
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return NodeFactory.createLiteralDT(text.toLowerCase(Locale.ROOT), XSDDatatype.XSDboolean);
        }
        return NodeFactory.createLiteralString(text);
    }

    private static List<String> lines(String value, boolean multiple) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        if (!multiple) {
            return List.of(value.strip());
        }
        return value.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .distinct()
                .toList();
    }

    /** References are separated by white space or new lines: IRIs hold neither. */
    private static List<String> words(String value) {
        return value == null || value.isBlank()
                ? List.of()
                : java.util.Arrays.stream(value.strip().split("\\s+"))
                        .distinct()
                        .toList();
    }

    /** A readable IRI segment from the node's English name, title or statement. */
    private static String slug(Map<String, String> values) {
        String name = java.util.stream.Stream.of("skos_prefLabel@en", "dcterms_title", "atlas_statement@en")
                .map(values::get)
                .filter(v -> v != null && !v.isBlank())
                .findFirst()
                .orElse("node");
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        slug = slug.length() > 48 ? slug.substring(0, 48).replaceAll("-$", "") : slug;
        return slug.isEmpty() ? "node" : slug;
    }
}
