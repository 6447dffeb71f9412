package org.physicsofai.atlas.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.lib.ShLib;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;

class SeedKnowledgeTest {

    private static Model seed;
    private static Model data;

    @BeforeAll
    static void load() {
        seed = SeedFiles.seed();
        data = SeedFiles.seedWithOntology();
    }

    @Test
    void unionOfSeedFilesAndOntologyConformsToTheShapes() {
        Shapes shapes = Shapes.parse(AtlasOntology.shapesGraph());
        ValidationReport report = ShaclValidator.get().validate(shapes, data.getGraph());
        if (!report.conforms()) {
            ShLib.printReport(report);
        }
        assertThat(report.conforms())
                .as(
                        "%d SHACL violations (report printed above)",
                        report.getEntries().size())
                .isTrue();
    }

    @Test
    void everyReferencedSeedIriIsDescribedWithAType() {
        Set<String> dangling = new TreeSet<>();
        for (Statement st : seed.listStatements().toList()) {
            RDFNode object = st.getObject();
            if (object.isURIResource()
                    && object.asResource().getURI().startsWith(AtlasOntology.ID_BASE)
                    && !seed.contains(object.asResource(), RDF.type)) {
                dangling.add(object.asResource().getURI() + " (from " + st.getSubject() + ")");
            }
        }
        assertThat(dangling).as("IRIs used as objects but never typed").isEmpty();
    }

    /** A regime condition needs a bound or an allowed value: one naming only its variable is refused. */
    @Test
    void aRegimeConditionWithoutABoundOrAnAllowedValueIsRefused() {
        Shapes shapes = Shapes.parse(AtlasOntology.shapesGraph());
        String condition = """
                @prefix atlas: <https://w3id.org/physics-of-ai/atlas#> .
                @prefix skos:  <http://www.w3.org/2004/02/skos/core#> .
                <https://w3id.org/physics-of-ai/id/regime-condition/test> a atlas:RegimeCondition ;
                    atlas:variable <https://w3id.org/physics-of-ai/id/variable/optimizer> ;
                    %s
                    skos:definition "Trained with a named optimizer."@en .
                """;
        for (String[] c : new String[][] {{"", "false"}, {"atlas:oneOf \"SGD\" ;", "true"}}) {
            Model m = SeedFiles.seedWithOntology();
            org.apache.jena.riot.RDFParser.fromString(condition.formatted(c[0]), org.apache.jena.riot.Lang.TURTLE)
                    .parse(m);
            assertThat(ShaclValidator.get().validate(shapes, m.getGraph()).conforms())
                    .as(c[0])
                    .isEqualTo(Boolean.parseBoolean(c[1]));
        }
    }

    @Test
    void everyClaimAndLawHasASourceAndACertainty() {
        List<String> missing = new ArrayList<>();
        for (Resource claim : instancesOf(Atlas.Claim, Atlas.Law)) {
            if (!claim.hasProperty(Atlas.source)) {
                missing.add(claim.getURI() + " has no source");
            }
            if (!claim.hasProperty(Atlas.certainty)) {
                missing.add(claim.getURI() + " has no certainty");
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyPhenomenonIsTrackedSourcedAndLabelledInEnglishAndChinese() {
        List<String> problems = new ArrayList<>();
        for (Resource phenomenon : instancesOf(Atlas.Phenomenon)) {
            String iri = phenomenon.getURI();
            if (!seed.contains(null, Atlas.tracks, phenomenon)) {
                problems.add(iri + " is tracked by no observable");
            }
            if (!phenomenon.hasProperty(Atlas.source)) {
                problems.add(iri + " has no source");
            }
            for (String lang : List.of("en", "zh")) {
                if (labelOf(phenomenon, lang) == null) {
                    problems.add(iri + " has no @" + lang + " prefLabel");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyClaimHasAShortLabelInEnglishAndChinese() {
        List<String> problems = new ArrayList<>();
        for (Resource claim :
                seed.listSubjectsWithProperty(RDF.type, Atlas.Claim).toList()) {
            for (String lang : List.of("en", "zh")) {
                String label = labelOf(claim, lang);
                if (label == null) {
                    problems.add(claim.getURI() + " has no @" + lang + " prefLabel");
                } else if (label.length() > 60) {
                    problems.add(claim.getURI() + " has a @" + lang + " label longer than 60 characters");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyLawAndExperimentHasAChineseName() {
        List<String> missing = new ArrayList<>();
        for (Resource r : instancesOf(Atlas.Law, Atlas.Experiment)) {
            for (String lang : List.of("en", "zh")) {
                if (labelOf(r, lang) == null) {
                    missing.add(r.getURI() + " has no @" + lang + " prefLabel");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void phenomenaObservablesVariablesTasksModelsAndExperimentsDefinedInEnglishAreDefinedInChineseToo() {
        List<String> missing = new ArrayList<>();
        for (Resource r : instancesOf(
                Atlas.Phenomenon,
                Atlas.Observable,
                Atlas.Variable,
                Atlas.Task,
                Atlas.Dataset,
                Atlas.Model,
                Atlas.Experiment)) {
            boolean english = false;
            boolean chinese = false;
            for (Statement st : r.listProperties(SKOS.definition).toList()) {
                english |= "en".equals(st.getLanguage());
                chinese |= "zh".equals(st.getLanguage());
            }
            if (english && !chinese) {
                missing.add(r.getURI() + " has no @zh definition");
            }
        }
        assertThat(missing).isEmpty();
    }

    /**
     * Every name, definition and observable's computation the seed gives in English it gives in Chinese too,
     * whatever the node (law parameters, regime conditions, law-check plans, models, phenomena...): the pages show
     * both languages.
     */
    @Test
    void everyEnglishNameAndDefinitionInTheSeedHasAChineseOne() {
        List<String> missing = new ArrayList<>();
        for (Property property : List.of(SKOS.prefLabel, SKOS.definition, Atlas.computation)) {
            for (Resource r : seed.listSubjectsWithProperty(property).toList()) {
                boolean english = false;
                boolean chinese = false;
                for (Statement st : r.listProperties(property).toList()) {
                    english |= "en".equals(st.getLanguage());
                    chinese |= "zh".equals(st.getLanguage());
                }
                if (english && !chinese) {
                    missing.add(r.getURI() + " has no @zh " + property.getLocalName());
                }
            }
        }
        assertThat(missing)
                .as("%d English names or definitions without a Chinese one", missing.size())
                .isEmpty();
    }

    /** A claim's or law's page shows its statement and regime: both are given in Chinese as well as English. */
    @Test
    void everyClaimAndLawStatesItselfAndItsRegimeInChineseToo() {
        List<String> missing = new ArrayList<>();
        for (Resource law : instancesOf(Atlas.Claim, Atlas.Law)) {
            for (Property property : List.of(Atlas.statement, Atlas.regime)) {
                boolean chinese =
                        law.listProperties(property).toList().stream().anyMatch(st -> "zh".equals(st.getLanguage()));
                if (!chinese) {
                    missing.add(law.getURI() + " has no @zh " + property.getLocalName());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everySourceHasATitleAndAnIdentifierOrIsMarkedUnverified() {
        List<String> problems = new ArrayList<>();
        for (Resource source : instancesOf(Atlas.Source)) {
            boolean identified = source.hasProperty(Atlas.arxivId) || source.hasProperty(Atlas.doi);
            boolean unverified = source.hasProperty(Atlas.verification, Atlas.unverified);
            if (!identified && !unverified) {
                problems.add(source.getURI() + " has neither arXiv id nor DOI and is not marked unverified");
            }
            if (identified && !source.hasProperty(DCAT.landingPage)) {
                problems.add(source.getURI() + " has no landing page");
            }
        }
        assertThat(problems).isEmpty();
    }

    private static String labelOf(Resource r, String lang) {
        for (Statement st : r.listProperties(SKOS.prefLabel).toList()) {
            if (lang.equals(st.getLanguage())) {
                return st.getString();
            }
        }
        return null;
    }

    static List<Resource> instancesOf(Resource... types) {
        Set<Resource> result = new LinkedHashSet<>();
        for (Resource type : types) {
            result.addAll(seed.listSubjectsWithProperty(RDF.type, type).toList());
        }
        return List.copyOf(result);
    }
}
