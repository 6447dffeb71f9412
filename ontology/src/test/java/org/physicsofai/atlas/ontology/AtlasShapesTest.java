package org.physicsofai.atlas.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;

class AtlasShapesTest {

    private final Graph ontology = AtlasOntology.ontologyGraph();
    private final Shapes shapes = Shapes.parse(AtlasOntology.shapesGraph());

    @Test
    void everyClassHasANodeShape() {
        Set<Node> targeted = shapes.getTargetShapes().stream()
                .flatMap(s -> s.getTargets().stream())
                .map(t -> t.getObject())
                .collect(Collectors.toSet());
        Set<Node> classes = ontology.find(Node.ANY, RDF.type.asNode(), OWL.Class.asNode()).toList().stream()
                .map(t -> t.getSubject())
                .collect(Collectors.toSet());
        assertThat(targeted).containsAll(classes);
    }

    @Test
    void aCompleteSourceConforms() {
        ValidationReport report = validate("""
                <source/power2022> a atlas:Source ;
                    dcterms:title "Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets" ;
                    dcterms:issued "2022"^^xsd:gYear ;
                    atlas:arxivId "2201.02177" .
                """);
        assertThat(report.getEntries()).isEmpty();
    }

    @Test
    void aMalformedArxivIdIsReportedOnItsField() {
        ValidationReport report = validate("""
                <source/bad> a atlas:Source ; dcterms:title "Bad" ; atlas:arxivId "arXiv:2201.02177v2" .
                """);
        assertThat(report.conforms()).isFalse();
        assertThat(report.getEntries())
                .singleElement()
                .satisfies(e -> assertThat(e.resultPath().toString()).contains("arxivId"));
    }

    @Test
    void aClaimNeedsAStatementAndAnAllowedCertainty() {
        ValidationReport report = validate("""
                <claim/c> a atlas:Claim ; atlas:certainty atlas:sure .
                """);
        // one violation for the missing statement, one for the certainty outside the allowed values
        assertThat(report.getEntries())
                .extracting(e -> e.resultPath().toString())
                .containsExactlyInAnyOrder("<" + Atlas.NS + "statement>", "<" + Atlas.NS + "certainty>");
    }

    @Test
    void aLawIsAcceptedWhereAClaimIsExpectedBecauseOfTheSubclassAxiom() {
        ValidationReport report = validate("""
                <law/l> a atlas:Law ; atlas:statement "x"@en ; atlas:certainty atlas:probable ;
                    atlas:formula "t = c / wd" .
                <check/k> a atlas:LawCheck ; atlas:checksLaw <law/l> ; atlas:verdict atlas:consistent .
                """);
        assertThat(report.getEntries()).isEmpty();
    }

    @Test
    void anObservationNeedsAValueAnEventOrAPhenomenon() {
        ValidationReport report = validate("""
                <run/r> a atlas:Run ; skos:prefLabel "r"@en .
                <observation/o> a atlas:Observation ; atlas:run <run/r> ; atlas:step 10 .
                """);
        assertThat(report.conforms()).isFalse();
        assertThat(report.getEntries())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("value, an event or an indicated phenomenon"));
    }

    private ValidationReport validate(String turtleBody) {
        Graph data = GraphFactory.createDefaultGraph();
        GraphUtil.addInto(data, ontology);
        String prefixes = AtlasOntology.prefixes().getNsPrefixMap().entrySet().stream()
                .map(e -> "PREFIX " + e.getKey() + ": <" + e.getValue() + ">\n")
                .collect(Collectors.joining());
        RDFParser.fromString(prefixes + turtleBody, Lang.TURTLE)
                .base(AtlasOntology.ID_BASE)
                .parse(data);
        return ShaclValidator.get().validate(shapes, data);
    }
}
