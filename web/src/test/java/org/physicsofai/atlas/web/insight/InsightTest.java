package org.physicsofai.atlas.web.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Insights: written in Markdown, rendered safely, shown on their nodes, in the feed and as Atom. */
class InsightTest extends AtlasWebTest {

    @Test
    void anInsightIsRenderedSafelyOnItsNodeInTheFeedAndInAtom() throws Exception {
        accounts.create("ines", "Ines I.", PASSWORD, Role.CURATOR);
        WebClient ines = new WebClient(port);
        ines.signIn("ines", PASSWORD);
        ines.get("/submit/insight");
        String hostile = "The **ring** forms before the jump in every seed.\n\n"
                + "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3))";

        HttpResponse<String> submitted =
                ines.post("/submit/insight", Map.of("atlas_text", hostile, "atlas_about", "/id/phenomenon/grokking"));
        assertThat(submitted.statusCode()).isEqualTo(302);

        String page = new WebClient(port).get("/id/phenomenon/grokking").body();
        String card = page.substring(page.indexOf("id=\"insights\""));
        assertThat(card).contains("<strong>ring</strong>").contains("Ines I.");
        assertThat(card).doesNotContain("<script>").doesNotContain("<img").doesNotContain("href=\"javascript:");
        assertThat(card).contains("&lt;script&gt;");
        assertThat(new WebClient(port).get("/insights").body()).contains("<strong>ring</strong>");

        HttpResponse<String> atom = new WebClient(port).get("/insights.atom");
        assertThat(atom.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
        Document feed = DocumentBuilderFactory.newNSInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(atom.body())));
        assertThat(feed.getDocumentElement().getLocalName()).isEqualTo("feed");
        // Other tests of the shared application may add insights too: find this one by its title.
        var titles = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title");
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < titles.getLength(); i++) {
            texts.add(titles.item(i).getTextContent());
        }
        assertThat(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry")
                        .getLength())
                .isPositive();
        assertThat(texts).contains("The **ring** forms before the jump in every seed.");
    }

    @Test
    void anInsightCanBeTurnedIntoAClaim() {
        WebClient iris = signedIn("insight-iris", Role.CURATOR);
        iris.get("/submit/insight");
        String text = "Rings form first in the promotion test.";
        iris.post("/submit/insight", Map.of("atlas_text", text, "atlas_about", "/id/phenomenon/grokking"));

        // the card names what the insight is about, and offers the claim form filled in from it
        String page = iris.get("/id/phenomenon/grokking").body();
        page = page.substring(page.indexOf("id=\"insights\""));
        String card = page.substring(page.lastIndexOf("<article", page.indexOf(text)));
        card = card.substring(0, card.indexOf("</article>"));
        assertThat(card).contains(">grokking</a>").doesNotContain(">phenomenon/grokking<");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/submit/claim\\?[^\"]+)\"")
                .matcher(card);
        assertThat(link.find()).as(card).isTrue();

        String form = iris.get(link.group(1).replace("&amp;", "&")).body();

        assertThat(form).contains(">" + text + "</textarea>").contains("phenomenon/grokking");
    }
}
