package org.physicsofai.atlas.web.law;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TexFormulaTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "L = (N_c / N)^alpha_N | L = \\left(\\frac{N_{c}}{N}\\right)^{\\alpha_{N}}",
                "L = E + A / N^alpha + B / D^beta | L = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}}",
                "N_opt = k * C^a | N_{\\mathrm{opt}} = k \\cdot C^{a}",
                "L = ((N_c / N)^(alpha_N / alpha_D) + D_c / D)^alpha_D"
                        + " | L = \\left(\\left(\\frac{N_{c}}{N}\\right)^{\\frac{\\alpha_{N}}{\\alpha_{D}}} + \\frac{D_{c}}{D}\\right)^{\\alpha_{D}}",
                "t = exp(-gamma * x) - 0.5 | t = \\exp\\left(-\\gamma \\cdot x\\right) - 0.5",
            })
    void formulasBecomeTex(String formula, String tex) {
        assertThat(TexFormula.of(formula)).isEqualTo(tex);
    }

    @ParameterizedTest
    @CsvSource({"not a formula", "L = (N"})
    void textOutsideTheSyntaxHasNone(String text) {
        assertThat(TexFormula.of(text)).isNull();
    }
}
