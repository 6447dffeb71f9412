package org.physicsofai.atlas.web.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;

/** A phenomenon's page reads as a review: what is claimed, what tracks it, where, disputes, sources. */
class PhenomenonPageTest extends AtlasWebTest {

    private static final List<String> SECTIONS = List.of(
            "id=\"phenomenon-claims\"",
            "id=\"phenomenon-observables\"",
            "id=\"phenomenon-seen\"",
            "id=\"phenomenon-disputes\"",
            "id=\"phenomenon-related\"",
            "id=\"phenomenon-sources\"",
            "id=\"raw-statements\"");

    @Test
    void theGrokkingPageShowsItsSectionsInOrderByName() {
        String page = new WebClient(port).get("/id/phenomenon/grokking").body();

        assertThat(page).containsSubsequence(SECTIONS);
        String claims = between(page, "phenomenon-claims", "phenomenon-observables");
        assertThat(claims)
                .contains("data-certainty=\"probable\"")
                .contains(">Weight decay not necessary for grokking</a>")
                .contains("href=\"/id/claim/liu2022omni-lu-mechanism\"")
                .contains(">Power et al. 2022</a>")
                .containsPattern("[1-9]\\d* supporting · \\d+ qualifying · [1-9]\\d* disputing")
                .doesNotContain(">liu2022omni-lu-mechanism<");
        assertThat(between(page, "phenomenon-observables", "phenomenon-seen"))
                .contains(">test accuracy</a>")
                .contains("Count correct predictions on the test or validation split")
                .doesNotContain("统计测试或验证集上预测正确的个数");
        assertThat(between(page, "phenomenon-related", "phenomenon-sources"))
                .contains(">structured representations in algorithmic tasks</a>");
        assertThat(between(page, "phenomenon-sources", "raw-statements"))
                .contains(">Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets</a>")
                .contains("href=\"https://arxiv.org/abs/2201.02177\"")
                .contains(">arXiv:2201.02177</a>");
        assertThat(page).containsPattern("<details id=\"raw-statements\">\\s*<summary>");
    }

    @Test
    void theChinesePageNamesItsSectionsInChinese() {
        String page = new WebClient(port).get("/id/phenomenon/grokking?lang=zh").body();

        assertThat(page).containsSubsequence(SECTIONS);
        assertThat(page)
                .contains("<h1>顿悟</h1>")
                .contains("关于它的论断")
                .contains("追踪它的观测量")
                .contains(">测试准确率</a>")
                .contains(">权重衰减并非顿悟所必需</a>");
        // each tracker's computation in the reader's language, once
        String observables = between(page, "phenomenon-observables", "phenomenon-seen");
        assertThat(observables)
                .contains("统计测试或验证集上预测正确的个数")
                .doesNotContain("Count correct predictions on the test or validation split");
    }

    @Test
    void pagesWithoutSectionsOfTheirOwnKeepTheirStatementsOpen() {
        String page = new WebClient(port)
                .get("/id/experiment/liu2022eff-toy-addition-phase-diagram")
                .body();

        assertThat(page).doesNotContain("id=\"phenomenon-claims\"").contains("<details id=\"raw-statements\" open");
    }

    private static String between(String page, String from, String to) {
        int start = page.indexOf("id=\"" + from + "\"");
        int end = page.indexOf("id=\"" + to + "\"", start);
        assertThat(start).as(from).isNotNegative();
        assertThat(end).as(to).isGreaterThan(start);
        return page.substring(start, end);
    }
}
