package org.physicsofai.atlas.web.system;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Floating-point literals as sources write them. The TDB2 store keeps {@code xsd:double} and {@code
 * xsd:float} values, not their lexical forms, and gives them back as {@code "482.01e0"} or {@code
 * "1.5848931924611142E-4"}; answers write them in the shortest plain decimal form that gives the value
 * back ({@code "482.01"}, {@code "0.00015848931924611142"}), a lexical form of the same value and the
 * one a source writing the published constant gave. Very large and very small magnitudes keep their
 * exponent; other literals are left as they are (decimals keep theirs in the store).
 */
public final class PlainNumbers {

    /** The longest plain form written; beyond it the exponent is clearer. */
    static final int MAX_PLAIN_LENGTH = 24;

    private PlainNumbers() {}

    /** The literal in plain form if it is a finite double or float, else the node itself. */
    public static Node plain(Node node) {
        if (node == null || !node.isLiteral()) {
            return node;
        }
        RDFDatatype type = node.getLiteralDatatype();
        boolean isDouble = XSDDatatype.XSDdouble.equals(type);
        if (!isDouble && !XSDDatatype.XSDfloat.equals(type)) {
            return node;
        }
        String lexical = node.getLiteralLexicalForm();
        double value;
        try {
            value = Double.parseDouble(lexical.strip());
        } catch (NumberFormatException e) {
            return node; // an ill-formed literal is sent as it is
        }
        if (!Double.isFinite(value)) {
            return node;
        }
        String shortest = isDouble ? Double.toString(value) : Float.toString((float) value);
        String text = new BigDecimal(shortest).toPlainString();
        if (!text.contains(".")) {
            text = text + ".0";
        }
        return text.length() > MAX_PLAIN_LENGTH || text.equals(lexical)
                ? node
                : NodeFactory.createLiteralDT(text, type);
    }

    /** A copy of the graph with its floating-point literals in plain form, prefixes kept. */
    public static Graph graph(Graph graph) {
        Graph copy = GraphFactory.createDefaultGraph();
        copy.getPrefixMapping().setNsPrefixes(graph.getPrefixMapping());
        graph.find().forEachRemaining(t -> copy.add(t.getSubject(), t.getPredicate(), plain(t.getObject())));
        return copy;
    }

    /** The rows with their floating-point literals in plain form. */
    public static RowSet rows(RowSet rows) {
        List<Var> vars = rows.getResultVars();
        List<Binding> mapped = new ArrayList<>();
        rows.forEachRemaining(row -> {
            BindingBuilder builder = Binding.builder();
            row.forEach((var, node) -> builder.add(var, plain(node)));
            mapped.add(builder.build());
        });
        return RowSetStream.create(vars, mapped.iterator());
    }

    /** Beyond these magnitudes a number reads better as a power of ten ({@code 8.8 × 10¹³}). */
    static final double LARGE = 1e12;

    static final double SMALL = 1e-5;

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /**
     * A literal as a reader sees it: a floating-point number in its shortest form, without a trailing
     * {@code .0} ({@code 482.01}, {@code 1650}), as a power of ten when very large or very small ({@code
     * 8.8 × 10¹³}); other literals by their lexical form; {@code null} for no node.
     */
    public static String text(Node node) {
        if (node == null) {
            return null;
        }
        if (!node.isLiteral()) {
            return node.toString();
        }
        RDFDatatype type = node.getLiteralDatatype();
        if (!XSDDatatype.XSDdouble.equals(type) && !XSDDatatype.XSDfloat.equals(type)) {
            return node.getLiteralLexicalForm();
        }
        double value;
        try {
            value = Double.parseDouble(node.getLiteralLexicalForm().strip());
        } catch (NumberFormatException e) {
            return node.getLiteralLexicalForm();
        }
        if (!Double.isFinite(value)) {
            return node.getLiteralLexicalForm();
        }
        String shortest = XSDDatatype.XSDfloat.equals(type) ? Float.toString((float) value) : Double.toString(value);
        return text(new BigDecimal(shortest), LARGE, SMALL);
    }

    /**
     * A finite number in its shortest decimal form, as a power of ten ({@code 2 × 10⁵}, {@code 10⁻³}) when
     * its magnitude is at least {@code large} or below {@code small}.
     */
    public static String text(double value, double large, double small) {
        return text(new BigDecimal(Double.toString(value)), large, small);
    }

    private static String text(BigDecimal number, double large, double small) {
        BigDecimal decimal = number.stripTrailingZeros();
        double magnitude = Math.abs(number.doubleValue());
        if (magnitude != 0 && (magnitude >= large || magnitude < small)) {
            int exponent = decimal.precision() - decimal.scale() - 1;
            String mantissa = decimal.movePointLeft(exponent).toPlainString();
            StringBuilder power = new StringBuilder();
            for (char c : Integer.toString(exponent).toCharArray()) {
                power.append(c == '-' ? '⁻' : SUPERSCRIPTS.charAt(c - '0'));
            }
            return (mantissa.equals("1") ? "" : mantissa.equals("-1") ? "-" : mantissa + " × ") + "10" + power;
        }
        return decimal.toPlainString();
    }
}
