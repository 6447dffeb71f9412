package org.physicsofai.atlas.entity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.ontology.Atlas;

/**
 * The one rule by which every page, list and answer names a node: its preferred label (or {@code
 * rdfs:label}) in the reader's language, else in English, else in any language; else its title; else
 * its statement, cut at a word when long, and read as negated when the claim is ({@code atlas:negated
 * true}); else its text (an insight's), cut the same way. Only a node with none of these is named by the caller's last resort (the end of its IRI).
 *
 * <p>Collect a node's candidates with {@link #offer} (any predicate may be offered; the others are
 * ignored), then ask {@link #label}.
 */
public final class LabelRule {

    /** Statements longer than this are cut at a word to serve as labels; the full text goes on hover. */
    public static final int STATEMENT_LENGTH = 70;

    /** The predicates whose objects name a node, strongest first. */
    public static final List<String> PREDICATES = List.of(
            SKOS.prefLabel.getURI(),
            RDFS.label.getURI(),
            DCTerms.title.getURI(),
            Atlas.statement.getURI(),
            Atlas.negated.getURI(),
            Atlas.text.getURI());

    private static final Set<String> LABELS = Set.of(SKOS.prefLabel.getURI(), RDFS.label.getURI());

    /** How a negated statement reads, by language: the statement follows. */
    private static final Map<String, String> NEGATION = Map.of("en", "Not so: ", "zh", "并非如此：");

    private final List<Node> labels = new ArrayList<>();
    private final List<Node> titles = new ArrayList<>();
    private final List<Node> statements = new ArrayList<>();
    private final List<Node> texts = new ArrayList<>();
    private boolean negated;

    /**
     * A name for a node.
     *
     * @param text what to show
     * @param full the whole text when {@code text} is cut (for a tooltip), else {@code text}
     */
    public record Label(String text, String full) {

        /** Whether the text is a cut statement. */
        public boolean cut() {
            return !text.equals(full);
        }
    }

    /** Takes one statement about the node into account; statements of other predicates are ignored. */
    public LabelRule offer(String predicate, Node object) {
        if (object == null || !object.isLiteral()) {
            return this;
        }
        if (LABELS.contains(predicate)) {
            labels.add(object);
        } else if (predicate.equals(DCTerms.title.getURI())) {
            titles.add(object);
        } else if (predicate.equals(Atlas.statement.getURI())) {
            statements.add(object);
        } else if (predicate.equals(Atlas.text.getURI())) {
            texts.add(object);
        } else if (predicate.equals(Atlas.negated.getURI())) {
            negated |= "true".equalsIgnoreCase(object.getLiteralLexicalForm().strip())
                    || "1".equals(object.getLiteralLexicalForm().strip());
        }
        return this;
    }

    /** The node's name for a reader of the language ({@code en} or {@code zh}), if it has any. */
    public Optional<Label> label(String language) {
        return best(labels, language)
                .or(() -> best(titles, language))
                .map(text -> new Label(text, text))
                .or(() -> best(statements, language).map(statement -> statement(statement, language)))
                .or(() -> best(texts, language).map(text -> new Label(shorten(text), text)));
    }

    /** The node's name, or the last resort when it has none. */
    public String text(String language, String lastResort) {
        return label(language).map(Label::text).orElse(lastResort);
    }

    private Label statement(String statement, String language) {
        String full = negated ? NEGATION.getOrDefault(language, NEGATION.get("en")) + statement : statement;
        return new Label(shorten(full), full);
    }

    /** The text cut at a word before {@link #STATEMENT_LENGTH} characters, with an ellipsis, when longer. */
    public static String shorten(String text) {
        if (text.length() <= STATEMENT_LENGTH) {
            return text;
        }
        int cut = text.lastIndexOf(' ', STATEMENT_LENGTH);
        return text.substring(0, cut > STATEMENT_LENGTH / 2 ? cut : STATEMENT_LENGTH) + "…";
    }

    /** The literal in the language, else English, else without a language, else the first in order. */
    private static Optional<String> best(List<Node> candidates, String language) {
        return pick(candidates, language)
                .or(() -> pick(candidates, "en"))
                .or(() -> pick(candidates, ""))
                .or(() -> candidates.stream()
                        .map(Node::getLiteralLexicalForm)
                        .sorted()
                        .findFirst());
    }

    private static Optional<String> pick(List<Node> candidates, String language) {
        String wanted = language.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(l -> {
                    String tag = l.getLiteralLanguage().toLowerCase(Locale.ROOT);
                    return wanted.isEmpty() ? tag.isEmpty() : tag.equals(wanted) || tag.startsWith(wanted + "-");
                })
                .map(Node::getLiteralLexicalForm)
                .sorted(Comparator.naturalOrder())
                .findFirst();
    }
}
