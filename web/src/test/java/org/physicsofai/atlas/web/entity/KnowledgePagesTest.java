package org.physicsofai.atlas.web.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;

/**
 * The pages of a claim, a law, a source and a run read as knowledge: a claim's statement as heading (a
 * negated one reads negated), a law's parameters beside every published version as the sources wrote
 * them, a source's citation and statements, a run's findings in words; raw statements folded, grouped by
 * contribution.
 */
class KnowledgePagesTest extends AtlasWebTest {

    private static final String KUMAR = "/id/claim/kumar2023-weight-decay-not-necessary";

    @Test
    void aNegatedClaimIsHeadedByItsStatementReadNegatedInBothLanguages() {
        String page = new WebClient(port).get(KUMAR).body();
        assertThat(page)
                .containsPattern("<h1 id=\"claim-statement\" lang=\"en\" class=\"negated\">"
                        + "Not so: Weight decay is necessary for grokking\\.</h1>")
                .containsSubsequence(
                        "id=\"claim-facts\"",
                        "id=\"claim-certainty\" data-certainty=\"tentative\"",
                        "id=\"claim-regime\"",
                        "id=\"claim-about\"",
                        "id=\"claim-sources\"",
                        "id=\"why-panel\"",
                        "id=\"raw-statements\"");
        assertThat(between(page, "claim-about", "claim-sources")).contains(">grokking</a>");
        assertThat(between(page, "claim-sources", "why-panel"))
                .contains(">Grokking as the Transition from Lazy to Rich Training Dynamics</a>")
                .contains("Kumar, Bordelon, Gershman, Pehlevan")
                .contains(">arXiv:2310.06110</a>");
        assertThat(page).containsPattern("<details id=\"raw-statements\">\\s*<summary>");

        String zh = new WebClient(port).get(KUMAR + "?lang=zh").body();
        assertThat(zh)
                .contains("<h1 id=\"claim-statement\" lang=\"zh\" class=\"negated\">并非如此：权重衰减是顿悟所必需的。</h1>")
                .contains("<title>权重衰减并非顿悟所必需 ·")
                .contains("确定性")
                .contains("由谁提出");
    }

    @Test
    void aLawShowsItsParametersBesideEveryPublishedVersionAsWritten() {
        String page = new WebClient(port)
                .get("/id/law/besiroglu2024-chinchilla-refit")
                .body();
        assertThat(page)
                .containsSubsequence(
                        "id=\"claim-facts\"",
                        "id=\"claim-sources\"",
                        "id=\"law-formula-section\"",
                        "id=\"law-parameters-section\"",
                        "id=\"law-checks-section\"",
                        "id=\"raw-statements\"");
        assertThat(page).contains("data-tex=\"L = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}}\"");
        String table = between(page, "law-parameters-section", "law-checks-section");
        // this version first, then the two other published versions of the same formula
        assertThat(Pattern.compile("data-version=\"").matcher(table).results().count())
                .isEqualTo(3);
        assertThat(table)
                .containsSubsequence(
                        "data-version=\"https://w3id.org/physics-of-ai/id/law/besiroglu2024-chinchilla-refit\"",
                        "data-version=\"https://w3id.org/physics-of-ai/id/law/hoffmann2022-chinchilla-");
        assertThat(row(table, "E")).containsExactlyInAnyOrder("1.8172 ± 0.03", "1.69", "1.6934");
        assertThat(row(table, "A")).containsExactlyInAnyOrder("482.01 ± 124.58", "406.4", "–");
        assertThat(row(table, "A").get(0)).isEqualTo("482.01 ± 124.58");
        assertThat(row(table, "beta")).containsExactlyInAnyOrder("0.3658 ± 0.02", "0.28", "0.2849");
        assertThat(table).contains(">Besiroglu et al. 2024</a>").contains(">Hoffmann et al. 2022</a>");
        assertThat(page).doesNotContain("e0<").doesNotContain("xsd:double");

        // a law of its own formula stands alone; its large constant reads as a power of ten
        String kaplan =
                new WebClient(port).get("/id/law/kaplan2020-loss-vs-parameters").body();
        String kaplanTable = between(kaplan, "law-parameters-section", "law-checks-section");
        assertThat(Pattern.compile("data-version=\"")
                        .matcher(kaplanTable)
                        .results()
                        .count())
                .isEqualTo(1);
        assertThat(row(kaplanTable, "N_c")).containsExactly("8.8 × 10¹³");
        assertThat(row(kaplanTable, "alpha_N")).containsExactly("0.076");
    }

    @Test
    void aSourceShowsItsCitationAndWhatItStatesByStatement() {
        String page = new WebClient(port).get("/id/source/kumar2023").body();
        assertThat(page).containsSubsequence("id=\"source-citation\"", "id=\"source-states\"", "id=\"raw-statements\"");
        assertThat(between(page, "source-citation", "source-states"))
                .contains("(2023)")
                .contains("<em>ICLR 2024</em>")
                .contains("href=\"/bibtex?iri=https://w3id.org/physics-of-ai/id/source/kumar2023\"");
        assertThat(between(page, "source-states", "raw-statements"))
                .contains(">Not so: Weight decay is necessary for grokking.</a>");
        assertThat(page).containsPattern("<details id=\"raw-statements\">\\s*<summary>");
    }

    @Test
    void aRunSaysWhatWasFoundOnItAndGroupsItsStatementsByContribution() {
        for (String path : List.of(
                "/id/run/liu2022eff-pd-lr00-wd00",
                "/run?iri=https://w3id.org/physics-of-ai/id/run/liu2022eff-pd-lr00-wd00")) {
            String page = new WebClient(port).get(path).body();
            String found = page.substring(
                    page.indexOf("id=\"run-verdicts\""),
                    page.indexOf("</section>", page.indexOf("id=\"run-verdicts\"")));
            assertThat(found)
                    .as(path)
                    .contains(">comprehension phase</a>")
                    .contains(">1650</strong>")
                    .contains(">2076</strong>")
                    .doesNotContain("1650.0");
        }
        // the curves page names the run's observations by what they record, not by their minted names
        String curves = new WebClient(port)
                .get("/run?iri=https://w3id.org/physics-of-ai/id/run/liu2022eff-pd-lr00-wd00")
                .body();
        assertThat(curves.substring(curves.indexOf("id=\"observations\"")))
                .contains(">train accuracy reached 0.9</a>")
                .doesNotContain(">liu2022eff-pd-lr00-wd00-t-train<");
        String page = new WebClient(port).get("/id/run/liu2022eff-pd-lr00-wd00").body();
        // provenance once per contribution, above its statements
        int groups = (int) Pattern.compile("class=\"provenance-row\"")
                .matcher(page)
                .results()
                .count();
        int rows = (int)
                Pattern.compile("class=\"provenance\"").matcher(page).results().count();
        assertThat(groups).isPositive();
        assertThat(rows).isEqualTo(groups);
    }

    @Test
    void anObservableGivesItsComputationUnitAndDefiningSourceFirst() {
        for (String path : List.of(
                "/id/observable/test-accuracy",
                "/observable?iri=https://w3id.org/physics-of-ai/id/observable/test-accuracy")) {
            String page = new WebClient(port).get(path).body();
            int facts = page.indexOf("id=\"observable-facts\"");
            assertThat(facts).as(path).isPositive();
            assertThat(page.substring(facts, page.indexOf("</dl>", facts)))
                    .contains("Count correct predictions on the test or validation split")
                    .contains(">Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets</a>")
                    .contains("href=\"/id/phenomenon/grokking\"");
        }
    }

    @Test
    void aPhaseDiagramNamedAsOneIsNotNamedTwice() {
        String page = new WebClient(port)
                .get(
                        "/phase-diagram?iri=https://w3id.org/physics-of-ai/id/experiment/liu2022eff-toy-addition-phase-diagram")
                .body();
        assertThat(page)
                .doesNotContainPattern("(?i)phase diagram of phase diagram")
                .contains("id=\"phase-title\"");
    }

    /** The values of a parameter's row, one per version. */
    private static List<String> row(String table, String symbol) {
        int at = table.indexOf("data-symbol=\"" + symbol + "\"");
        assertThat(at).as(symbol).isNotNegative();
        String tr = table.substring(at, table.indexOf("</tr>", at));
        Matcher m = Pattern.compile("<td class=\"value\">([^<]*)</td>").matcher(tr);
        return m.results().map(r -> r.group(1)).toList();
    }

    private static String between(String page, String from, String to) {
        int start = page.indexOf("id=\"" + from + "\"");
        int end = page.indexOf("id=\"" + to + "\"", start);
        assertThat(start).as(from).isNotNegative();
        assertThat(end).as(to).isGreaterThan(start);
        return page.substring(start, end);
    }
}
