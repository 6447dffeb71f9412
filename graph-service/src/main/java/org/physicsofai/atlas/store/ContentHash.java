package org.physicsofai.atlas.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.io.StringWriterI;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFormatter;
import org.apache.jena.riot.out.NodeFormatterNT;

/**
 * A SHA-256 digest of a graph that does not depend on statement order or blank-node labels.
 *
 * <p>Each statement is written as N-Triples and the lines are sorted. A blank node is named by a
 * digest of the statements around it (with other blank nodes left anonymous), which tells apart the
 * blank-node structures that occur in practice; full RDF canonicalisation is not needed because
 * contributions are minted with IRIs, and a rare false "different" only stores a duplicate.
 */
public final class ContentHash {

    private static final NodeFormatter NT = new NodeFormatterNT();

    private ContentHash() {}

    public static String of(Graph graph) {
        List<Triple> triples = graph.find().toList();
        Map<Node, String> blankLabels = blankLabels(triples);
        // Subjects and predicates recur in many statements: write each term once.
        Map<Node, String> terms = new HashMap<>();
        List<String> lines = new ArrayList<>(triples.size());
        for (Triple t : triples) {
            lines.add(term(t.getSubject(), blankLabels, terms) + " " + term(t.getPredicate(), blankLabels, terms) + " "
                    + term(t.getObject(), blankLabels, terms) + " .");
        }
        lines.sort(null);
        // The digest of the lines joined by newlines, fed line by line rather than as one long text.
        MessageDigest digest = sha256();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                digest.update((byte) '\n');
            }
            digest.update(lines.get(i).getBytes(StandardCharsets.UTF_8));
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    public static String ofBytes(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Map<Node, String> blankLabels(List<Triple> triples) {
        Map<Node, List<String>> around = new HashMap<>();
        for (Triple t : triples) {
            if (!t.getSubject().isBlank() && !t.getObject().isBlank()) {
                continue;
            }
            String p = nt(t.getPredicate());
            if (t.getSubject().isBlank()) {
                around.computeIfAbsent(t.getSubject(), b -> new ArrayList<>())
                        .add("> " + p + " " + anonymous(t.getObject()));
            }
            if (t.getObject().isBlank()) {
                around.computeIfAbsent(t.getObject(), b -> new ArrayList<>())
                        .add("< " + anonymous(t.getSubject()) + " " + p);
            }
        }
        Map<Node, String> labels = new HashMap<>();
        around.forEach((node, lines) -> {
            lines.sort(null);
            labels.put(node, "_:b" + sha256(String.join("\n", lines)).substring(0, 32));
        });
        return labels;
    }

    private static String anonymous(Node node) {
        return node.isBlank() ? "_:" : nt(node);
    }

    private static String term(Node node, Map<Node, String> blankLabels, Map<Node, String> terms) {
        return node.isBlank() ? blankLabels.get(node) : terms.computeIfAbsent(node, ContentHash::nt);
    }

    /**
     * The term as N-Triples, written by the same formatter as {@code NodeFmtLib.strNT} but without its
     * indenting line buffer, which dominated the cost for large graphs.
     */
    private static String nt(Node node) {
        StringWriterI out = new StringWriterI();
        NT.format(out, node);
        return out.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String sha256(String text) {
        return ofBytes(text.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
    }
}
