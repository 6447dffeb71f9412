package org.physicsofai.atlas.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FormulaTest {

    static double eval(String formula, Map<String, Double> bindings) {
        return Formula.parse(formula).expression().evaluate(bindings);
    }

    @Test
    void evaluatesTheSeedLawsShapes() {
        assertThat(eval(
                        "L = E + A / N^alpha + B / D^beta",
                        Map.of("E", 1.69, "A", 406.4, "N", 1e9, "alpha", 0.34, "B", 410.7, "D", 2e10, "beta", 0.28)))
                .isCloseTo(1.69 + 406.4 / Math.pow(1e9, 0.34) + 410.7 / Math.pow(2e10, 0.28), within(1e-12));
        assertThat(eval("t_grok = k / gamma", Map.of("k", 300.0, "gamma", 0.1))).isCloseTo(3000, within(1e-9));
        assertThat(eval("T_grok = k * exp(alpha * rho)", Map.of("k", 2.0, "alpha", 7.5, "rho", 0.5)))
                .isCloseTo(2 * Math.exp(3.75), within(1e-9));
        assertThat(eval(
                        "L = ((N_c / N)^(alpha_N / alpha_D) + D_c / D)^alpha_D",
                        Map.of("N_c", 8.8e13, "N", 1e9, "alpha_N", 0.076, "alpha_D", 0.103, "D_c", 5.4e13, "D", 1e10)))
                .isCloseTo(Math.pow(Math.pow(8.8e13 / 1e9, 0.076 / 0.103) + 5.4e13 / 1e10, 0.103), within(1e-9));
    }

    @Test
    void followsThePrecedenceOfTheGrammar() {
        Map<String, Double> x = Map.of("x", 3.0, "a", 2.0, "b", 3.0, "c", 2.0);
        assertThat(eval("y = -x^2", x)).isEqualTo(-9);
        assertThat(eval("y = a^b^c", x)).isEqualTo(Math.pow(2, 9));
        assertThat(eval("y = x^-a", x)).isCloseTo(1.0 / 9, within(1e-15));
        assertThat(eval("y = 1 + 2 * 3 - 4 / 2", x)).isEqualTo(5);
        assertThat(eval("y = (1 + 2) * 3", x)).isEqualTo(9);
        assertThat(eval("y = 2 - 3 - 4", x)).isEqualTo(-5);
        assertThat(eval("y = 8 / 4 / 2", x)).isEqualTo(1);
        assertThat(eval("y = max(1e-3, x^-2, 0.5) + min(a, b) + log10(100) + ln(exp(1)) + sqrt(abs(-16))", x))
                .isCloseTo(0.5 + 2 + 2 + 1 + 4, within(1e-12));
        assertThat(eval("y = .5e1 + 5.0E-1", x)).isEqualTo(5.5);
    }

    @Test
    void collectsTheTargetAndTheIdentifiersButNotTheFunctions() {
        Formula f = Formula.parse("T = k * exp(-alpha * rho) + max(1e-3, x^-2)");
        assertThat(f.target()).isEqualTo("T");
        assertThat(f.identifiers()).containsExactly("k", "alpha", "rho", "x");
    }

    @Test
    void namesTheColumnOfAnError() {
        assertThatThrownBy(() -> Formula.parse("L = E +"))
                .isInstanceOf(FormulaException.class)
                .hasMessage("unexpected end at column 8 in: L = E +");
        assertThat(column("E + A = B")).isEqualTo(3);
        assertThat(column("L = foo(N)")).isEqualTo(5);
        assertThat(column("L = (N")).isEqualTo(7);
        assertThat(column("L = exp(N, M)")).isEqualTo(5);
        assertThat(column("L = max(N)")).isEqualTo(5);
        assertThat(column("L = 1.2.3")).isEqualTo(5);
        assertThat(column("L = 2e")).isEqualTo(7);
        assertThat(column("L = N × 2")).isEqualTo(7);
    }

    @Test
    void anUnboundIdentifierIsNamed() {
        assertThatThrownBy(() -> eval("y = k / gamma", Map.of("k", 1.0))).hasMessage("No value for gamma");
    }

    static int column(String text) {
        try {
            Formula.parse(text);
        } catch (FormulaException e) {
            return e.column();
        }
        throw new AssertionError("parsed: " + text);
    }
}
