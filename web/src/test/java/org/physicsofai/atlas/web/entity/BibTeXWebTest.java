package org.physicsofai.atlas.web.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;

/** A source's citation and a phenomenon's reading list as BibTeX, read back by a BibTeX parser. */
class BibTeXWebTest extends AtlasWebTest {

    private static BibTeXDatabase parse(String text) throws Exception {
        return new BibTeXParser().parse(new StringReader(text));
    }

    private static String field(BibTeXEntry entry, String name) {
        return entry.getField(new Key(name)).toUserString();
    }

    @Test
    void aSourceIsOneEntryWithItsAuthorsTitleYearAndArxivId() throws Exception {
        HttpResponse<String> response = new WebClient(port).get("/bibtex?iri=/id/source/power2022");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-bibtex;charset=UTF-8");
        Map<Key, BibTeXEntry> entries = parse(response.body()).getEntries();
        assertThat(entries).containsOnlyKeys(new Key("power2022"));
        BibTeXEntry entry = entries.get(new Key("power2022"));
        assertThat(field(entry, "author")).isEqualTo("Power and Burda and Edwards and Babuschkin and Misra");
        assertThat(field(entry, "title"))
                .isEqualTo("{Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets}");
        assertThat(field(entry, "year")).isEqualTo("2022");
        assertThat(field(entry, "eprint")).isEqualTo("2201.02177");
        assertThat(field(entry, "url")).isEqualTo("https://arxiv.org/abs/2201.02177");
    }

    @Test
    void aPhenomenonsReadingListHoldsEverySourceOfItsPage() throws Exception {
        String page = new WebClient(port).get("/id/phenomenon/grokking").body();
        HttpResponse<String> response = new WebClient(port).get("/bibtex?iri=/id/phenomenon/grokking");

        Map<Key, BibTeXEntry> entries = parse(response.body()).getEntries();
        assertThat(entries).containsKeys(new Key("power2022"), new Key("kumar2023"), new Key("liu2022omni"));
        assertThat(page).contains("href=\"/bibtex?iri=https://w3id.org/physics-of-ai/id/phenomenon/grokking\"");
        String sources =
                page.substring(page.indexOf("id=\"phenomenon-sources\""), page.indexOf("id=\"raw-statements\""));
        assertThat(sources.split("class=\"citation\"", -1)).hasSize(entries.size() + 1);
        entries.values().forEach(e -> assertThat(field(e, "title")).isNotBlank());
    }

    @Test
    void specialCharactersAreEscapedAndUnknownNodesRefused() throws Exception {
        String entry = BibTeX.entry(
                "x",
                new PhenomenonSections.Citation(
                        "https://e/x", null, "Ng & Lee", "2020", "50% of {all} #1_a", null, null, "10.1/a_b"));
        BibTeXEntry parsed = parse(entry).getEntries().get(new Key("x"));

        assertThat(field(parsed, "title")).isEqualTo("{50\\% of \\{all\\} \\#1\\_a}");
        assertThat(field(parsed, "author")).isEqualTo("Ng \\& Lee");
        assertThat(field(parsed, "doi")).isEqualTo("10.1/a_b");
        assertThat(new WebClient(port)
                        .get("/bibtex?iri=/id/phenomenon/no-such-thing")
                        .statusCode())
                .isEqualTo(404);
        assertThat(new WebClient(port).get("/bibtex?iri=grokking").statusCode()).isEqualTo(400);
    }
}
