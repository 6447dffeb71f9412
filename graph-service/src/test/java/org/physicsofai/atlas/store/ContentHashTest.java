package org.physicsofai.atlas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.out.NodeFmtLib;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void statementOrderAndBlankNodeLabelsDoNotMatter() {
        String a = ContentHash.of(turtle("""
                <law/l> atlas:hasParameter _:p1 . _:p1 atlas:symbol "E" ; atlas:value 1.69e0 .
                <law/l> atlas:formula "L = E" .
                """));
        String b = ContentHash.of(turtle("""
                <law/l> atlas:formula "L = E" .
                _:other atlas:value 1.69e0 ; atlas:symbol "E" . <law/l> atlas:hasParameter _:other .
                """));

        assertThat(a).isEqualTo(b).startsWith("sha256:").hasSize("sha256:".length() + 64);
    }

    @Test
    void anyChangeOfContentChangesTheHash() {
        String original = ContentHash.of(turtle("<law/l> atlas:formula \"L = E\" ."));

        assertThat(ContentHash.of(turtle("<law/l> atlas:formula \"L = E + 1\" .")))
                .isNotEqualTo(original);
        assertThat(ContentHash.of(turtle("<law/l> atlas:formula \"L = E\"@en .")))
                .isNotEqualTo(original);
        assertThat(ContentHash.of(turtle("<law/k> atlas:formula \"L = E\" ."))).isNotEqualTo(original);
    }

    @Test
    void theHashIsTheDigestOfTheSortedNTriplesLines() {
        // Hashes are stored with every contribution: the way they are computed must not change.
        Graph graph = turtle("""
                <law/l> atlas:formula "L = E \\\\ \\"quoted\\"\\n\\ttab" , "标度律"@zh , "Scaling"@en-GB .
                <law/l> atlas:value 1.69e0 , 42 , "3.5"^^xsd:decimal , true , "2026-11-29T14:00:00Z"^^xsd:dateTime .
                <law/l> atlas:source <https://example.org/a%20b?x=1#frag> , <https://例え.jp/路径> .
                """);
        List<String> lines = graph.find()
                .mapWith(t -> NodeFmtLib.strNT(t.getSubject()) + " " + NodeFmtLib.strNT(t.getPredicate()) + " "
                        + NodeFmtLib.strNT(t.getObject()) + " .")
                .toList();
        lines.sort(null);

        assertThat(ContentHash.of(graph))
                .isEqualTo(ContentHash.ofBytes(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    }
}
