package org.physicsofai.atlas.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainNumbersTest {

    private static String plain(String lexical, XSDDatatype type) {
        Node node = PlainNumbers.plain(NodeFactory.createLiteralDT(lexical, type));
        assertThat(node.getLiteralDatatype()).isEqualTo(type);
        return node.getLiteralLexicalForm();
    }

    @ParameterizedTest
    @CsvSource({
        "482.01e0, 482.01",
        "1.5848931924611142E-4, 0.00015848931924611142",
        "1.62869779209E9, 1628697792.09",
        "1.0e0, 1.0",
        "100.0e0, 100.0",
        "-2.5E-3, -0.0025",
        "1.0E20, 100000000000000000000.0",
        "6.02214076E23, 6.02214076E23",
        "1.0E-300, 1.0E-300",
        "NaN, NaN",
        "INF, INF",
        "not a number, not a number"
    })
    void doublesAreWrittenInTheirShortestPlainForm(String stored, String written) {
        assertThat(plain(stored, XSDDatatype.XSDdouble)).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource({"0.1e0, 0.1", "3.4028235E38, 3.4028235E38"})
    void floatsToo(String stored, String written) {
        assertThat(plain(stored, XSDDatatype.XSDfloat)).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource({"1.50", "482.01"})
    void otherLiteralsAreLeftAsTheyAre(String lexical) {
        assertThat(plain(lexical, XSDDatatype.XSDdecimal)).isEqualTo(lexical);
        assertThat(PlainNumbers.plain(NodeFactory.createLiteralString(lexical)).getLiteralLexicalForm())
                .isEqualTo(lexical);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "482.01e0 | 482.01",
                "1650.0 | 1650",
                "8.8E13 | 8.8 × 10¹³",
                "1.0E13 | 10¹³",
                "3.1E8 | 310000000",
                "2.5E-6 | 2.5 × 10⁻⁶",
                "-0.0025 | -0.0025",
                "NaN | NaN"
            })
    void readersSeeNumbersAsSourcesWriteThem(String stored, String shown) {
        assertThat(PlainNumbers.text(NodeFactory.createLiteralDT(stored, XSDDatatype.XSDdouble)))
                .isEqualTo(shown);
    }
}
