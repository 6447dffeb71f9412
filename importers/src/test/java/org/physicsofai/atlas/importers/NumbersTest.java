package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumbersTest {

    private static double fromBytes(String text) {
        byte[] padded = ("  x" + text + "y ").getBytes(StandardCharsets.ISO_8859_1);
        return Numbers.parseDouble(padded, 3, padded.length - 2);
    }

    @Test
    void parsingBytesGivesExactlyWhatParsingTheTextGives() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextInt(1_000_000) / 1000.0;
            };
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String text = i % 3 == 0 ? Double.toString(d) : String.format("%.17g", d);
            assertThat(fromBytes(text)).as(text).isEqualTo(Numbers.parseDouble(text));
        }
        for (String text : List.of("0", "-0.0", "+1", "1.", ".5", "1e5", "1E-5", "-2.5e+300", "4.9e-324", "1e400")) {
            assertThat(Double.doubleToRawLongBits(fromBytes(text)))
                    .as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Numbers.parseDouble(text)));
        }
    }

    @Test
    void pythonSpellingsAndBlanksTakeTheSlowPathWithTheSameAnswers() {
        assertThat(fromBytes("nan")).isNaN();
        assertThat(fromBytes("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(fromBytes("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(fromBytes(" 2.5 ")).isEqualTo(2.5);
    }

    @Test
    void whatIsNotANumberFailsWithTheSameMessage() {
        for (String text : List.of("", "1e", "--1", "1.2.3", "+", "e5", "0x1p3", "1d", "abc", "1,5")) {
            assertThatThrownBy(() -> fromBytes(text))
                    .as(text)
                    .isInstanceOf(NumberFormatException.class)
                    .hasMessage(catchMessage(text));
        }
    }

    private static String catchMessage(String text) {
        try {
            Numbers.parseDouble(text);
        } catch (NumberFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("'" + text + "' parsed");
    }
}
