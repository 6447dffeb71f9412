package org.physicsofai.atlas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

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
}
