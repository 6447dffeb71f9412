package org.physicsofai.atlas.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.ontology.Atlas;

class LabelRuleTest {

    private static final String STATEMENT = Atlas.statement.getURI();

    @Test
    void aLabelInTheReadersLanguageComesFirstThenEnglishThenAny() {
        LabelRule rule = new LabelRule()
                .offer(SKOS.prefLabel.getURI(), NodeFactory.createLiteralLang("grokking", "en"))
                .offer(SKOS.prefLabel.getURI(), NodeFactory.createLiteralLang("顿悟", "zh"))
                .offer(STATEMENT, NodeFactory.createLiteralLang("A statement.", "en"));

        assertThat(rule.text("zh", "slug")).isEqualTo("顿悟");
        assertThat(rule.text("en", "slug")).isEqualTo("grokking");
        assertThat(new LabelRule()
                        .offer(RDFS.label.getURI(), NodeFactory.createLiteralLang("neural collapse", "en"))
                        .text("zh", "slug"))
                .isEqualTo("neural collapse");
        assertThat(new LabelRule()
                        .offer(RDFS.label.getURI(), NodeFactory.createLiteralLang("Grokking", "de"))
                        .text("zh", "slug"))
                .isEqualTo("Grokking");
    }

    @Test
    void aTitleComesBeforeAStatementAndTheLastResortOnlyWhenThereIsNeither() {
        LabelRule source = new LabelRule()
                .offer(DCTerms.title.getURI(), NodeFactory.createLiteralString("Omnigrok"))
                .offer(STATEMENT, NodeFactory.createLiteralLang("Something.", "en"));

        assertThat(source.label("en")).contains(new LabelRule.Label("Omnigrok", "Omnigrok"));
        assertThat(new LabelRule().text("en", "liu2022omni")).isEqualTo("liu2022omni");
        assertThat(new LabelRule()
                        .offer(Atlas.about.getURI(), NodeFactory.createURI("https://example.org/x"))
                        .label("en"))
                .isEmpty();
    }

    @Test
    void anInsightIsNamedByItsTextCutAtAWordAfterEverythingElse() {
        String text = "The ring forms before the jump in every seed, and it forms earlier when the weight decay is"
                + " larger.";
        LabelRule insight = new LabelRule().offer(Atlas.text.getURI(), NodeFactory.createLiteralString(text));

        assertThat(insight.label("en"))
                .contains(new LabelRule.Label(
                        "The ring forms before the jump in every seed, and it forms earlier…", text));
        assertThat(insight.offer(STATEMENT, NodeFactory.createLiteralLang("A statement.", "en"))
                        .text("en", "slug"))
                .isEqualTo("A statement.");
    }

    @Test
    void aLongStatementIsCutAtAWordAndKeepsItsFullTextForTheTooltip() {
        String statement = "Smaller training sets need more optimisation steps before the network generalises,"
                + " and the step shrinks as the fraction grows.";
        LabelRule.Label label = new LabelRule()
                .offer(STATEMENT, NodeFactory.createLiteralLang(statement, "en"))
                .label("zh")
                .orElseThrow();

        assertThat(label.text()).isEqualTo("Smaller training sets need more optimisation steps before the network…");
        assertThat(label.full()).isEqualTo(statement);
        assertThat(label.cut()).isTrue();
    }

    @Test
    void aNegatedClaimReadsNegatedInBothLanguages() {
        LabelRule rule = new LabelRule()
                .offer(STATEMENT, NodeFactory.createLiteralLang("Weight decay is necessary for grokking.", "en"))
                .offer(Atlas.negated.getURI(), NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));

        assertThat(rule.text("en", "slug")).isEqualTo("Not so: Weight decay is necessary for grokking.");
        assertThat(rule.text("zh", "slug")).isEqualTo("并非如此：Weight decay is necessary for grokking.");
        assertThat(new LabelRule()
                        .offer(STATEMENT, NodeFactory.createLiteralLang("Weight decay helps.", "en"))
                        .offer(Atlas.negated.getURI(), NodeFactory.createLiteralDT("false", XSDDatatype.XSDboolean))
                        .text("en", "slug"))
                .isEqualTo("Weight decay helps.");
    }

    @Test
    void aNegatedClaimWithAnOwnLabelIsNamedByItsLabel() {
        LabelRule rule = new LabelRule()
                .offer(SKOS.prefLabel.getURI(), NodeFactory.createLiteralLang("Weight decay is not necessary", "en"))
                .offer(STATEMENT, NodeFactory.createLiteralLang("Weight decay is necessary for grokking.", "en"))
                .offer(Atlas.negated.getURI(), NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));

        assertThat(rule.text("en", "slug")).isEqualTo("Weight decay is not necessary");
    }
}
