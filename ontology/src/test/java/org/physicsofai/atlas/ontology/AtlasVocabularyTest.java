package org.physicsofai.atlas.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;

class AtlasVocabularyTest {

    private final Graph ontology = AtlasOntology.ontologyGraph();

    @Test
    void everyConstantIsDeclaredInTheTurtle() {
        assertThat(declaredTerms()).containsAll(constants());
    }

    @Test
    void everyTermOfTheTurtleHasAConstant() {
        assertThat(constants()).containsAll(declaredTerms());
    }

    @Test
    void everyTermHasAnEnglishAndAChineseLabelAndAnEnglishDefinition() {
        for (String term : declaredTerms()) {
            Node node = NodeFactory.createURI(term);
            assertThat(literalLanguages(node, RDFS.label.asNode()))
                    .as("labels of %s", term)
                    .contains("en", "zh");
            assertThat(literalLanguages(node, SKOS.definition.asNode()))
                    .as("definition of %s", term)
                    .contains("en");
        }
    }

    @Test
    void vocabularyCoversTheTermsOfTheDesign() {
        assertThat(constants())
                .contains(
                        Atlas.Phenomenon.getURI(),
                        Atlas.Contribution.getURI(),
                        Atlas.supports.getURI(),
                        Atlas.disputes.getURI(),
                        Atlas.refines.getURI(),
                        Atlas.explains.getURI(),
                        Atlas.qualifies.getURI(),
                        Atlas.varies.getURI(),
                        Atlas.holdsFixed.getURI());
    }

    private Set<String> declaredTerms() {
        return ontology.find(Node.ANY, RDF.type.asNode(), Node.ANY).toList().stream()
                .map(t -> t.getSubject())
                .filter(Node::isURI)
                .map(Node::getURI)
                .filter(uri -> uri.startsWith(Atlas.NS))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> constants() {
        return Arrays.stream(Atlas.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()))
                .filter(f -> Resource.class.isAssignableFrom(f.getType()))
                .map(AtlasVocabularyTest::uriOf)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String uriOf(Field field) {
        try {
            return ((Resource) field.get(null)).getURI();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private Set<String> literalLanguages(Node subject, Node predicate) {
        return ontology.find(subject, predicate, Node.ANY).toList().stream()
                .map(t -> t.getObject())
                .filter(Node::isLiteral)
                .map(Node::getLiteralLanguage)
                .collect(Collectors.toSet());
    }

    @Test
    void everyClassIsAnOwlClassWithASuperclassOrIsAValueClass() {
        for (String term : declaredTerms()) {
            Node node = NodeFactory.createURI(term);
            if (ontology.contains(node, RDF.type.asNode(), OWL.Class.asNode())) {
                assertThat(ontology.find(node, RDFS.subClassOf.asNode(), Node.ANY)
                                .hasNext())
                        .as("%s is aligned with a standard class", term)
                        .isTrue();
            }
        }
    }
}
