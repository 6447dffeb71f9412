package org.physicsofai.atlas.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;

/**
 * The home page names its latest contributions by what they are about, keeps the detectors' results
 * out of that list (counted, with a link to them), and links every count; the icon is served; the
 * ontology page has no empty domain or range; disputes read in Chinese.
 */
class HomeAndSmallPagesTest extends AtlasWebTest {

    private static final Pattern COUNT = Pattern.compile("(?s)<article class=\"count\".*?</article>");

    @Test
    void theHomePageNamesContributionsAndLinksEveryCount() {
        String home = new WebClient(port).get("/").body();
        List<String> counts = new ArrayList<>();
        Matcher m = COUNT.matcher(home);
        while (m.find()) {
            counts.add(m.group());
        }
        assertThat(counts).hasSizeGreaterThan(8).allMatch(c -> c.contains("<a href=\""));

        String recent = home.substring(home.indexOf("<table class=\"striped\">"));
        recent = recent.substring(0, recent.indexOf("</table>"));
        assertThat(recent).contains("class=\"kind\"").doesNotContain(">detector<");
        assertThat(Pattern.compile(">(https?://|id:)[^<]*</a>").matcher(recent).find())
                .as("a link named by an IRI among the latest contributions")
                .isFalse();
        assertThat(home).contains("id=\"home-detector-results\"");

        String zh = new WebClient(port).get("/?lang=zh").body();
        assertThat(zh).contains("曲线检测器为运行添加了").contains("另有");
    }

    @Test
    void theIconIsServedAndTheOntologyHasNoEmptyChips() {
        HttpResponse<String> icon = new WebClient(port).get("/favicon.ico");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body()).isNotEmpty();
        assertThat(new WebClient(port).get("/ontology").body()).doesNotContain("<code></code>");
    }

    @Test
    void aDisputedNodeLinksToItsDisputes() {
        String all = new WebClient(port).get("/disputes").body();
        // a flag between claims or laws (a detector's flag names a run and a phenomenon, whose pages differ)
        Matcher disputed = Pattern.compile("(?s)<article class=\"dispute\"[^>]*data-kind=\"(?:claims|law-check)\".*?"
                        + "class=\"disputed\" href=\"(/id/[^\"]+)\"")
                .matcher(all);
        assertThat(disputed.find()).as("a dispute on the disputes page").isTrue();
        String page = new WebClient(port).get(disputed.group(1)).body();
        Matcher link = Pattern.compile("id=\"entity-disputes\">\\s*<a href=\"(/disputes\\?node=[^\"]+)\"")
                .matcher(page);
        assertThat(link.find())
                .as("the link to the node's disputes on %s", disputed.group(1))
                .isTrue();
        String disputes =
                new WebClient(port).get(link.group(1).replace("&amp;", "&")).body();
        assertThat(disputes).contains("id=\"disputes-of-node\"").contains("href=\"" + disputed.group(1) + "\"");
        assertThat(disputes.split("<article class=\"dispute\"", -1).length - 1)
                .as("the node's disputes")
                .isBetween(1, all.split("<article class=\"dispute\"", -1).length - 1);
    }

    @Test
    void disputesReadInChinese() {
        String en = new WebClient(port).get("/disputes?lang=en").body();
        String zh = new WebClient(port).get("/disputes?lang=zh").body();
        assertThat(zh)
                .doesNotContain("the law check is inconsistent with the law")
                .doesNotContain("two accepted claims disagree")
                .doesNotContain("labels the run");
        if (en.contains("two accepted claims disagree")) {
            assertThat(zh).contains("两条已接受的断言相互矛盾");
        }
        if (en.contains("the law check is inconsistent with the law")) {
            assertThat(zh).contains("该定律检验与定律不符");
        }
        assertThat(Pattern.compile("class=\"legend\">[^<]*https?://")
                        .matcher(en + zh)
                        .find())
                .as("an IRI in a dispute's detail")
                .isFalse();
    }
}
