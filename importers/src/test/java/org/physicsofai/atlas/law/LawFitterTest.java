package org.physicsofai.atlas.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.formula.Formula;

class LawFitterTest {

    final LawFitter fitter = new LawFitter(0.95);

    @Test
    void recoversTheConstantOfAnInverseLawFromNoisyData() {
        Random random = new Random(7);
        double k = 420;
        double[] gamma = new double[40];
        double[] t = new double[40];
        for (int i = 0; i < gamma.length; i++) {
            gamma[i] = Math.pow(10, -3 + 3.0 * i / (gamma.length - 1));
            t[i] = k / gamma[i] * Math.exp(0.05 * random.nextGaussian());
        }
        LawFit fit = fitter.fit(
                Formula.parse("t_grok = k / gamma"),
                Map.of("k", 1.0),
                Map.of(),
                Map.of("t_grok", t, "gamma", gamma),
                LawFitter.Space.LOG);
        LawFit.Estimate e = fit.estimate("k");
        assertThat(e.value()).isCloseTo(k, within(k * 0.03));
        assertThat(e.covers(k)).isTrue();
        assertThat(e.standardError()).isBetween(0.002 * k, 0.02 * k);
        assertThat(fit.points()).isEqualTo(40);
        assertThat(fit.rms()).isBetween(0.03, 0.07);
    }

    @Test
    void recoversBothParametersOfAnExponentialLaw() {
        Random random = new Random(11);
        double[] rho = new double[30];
        double[] delay = new double[30];
        for (int i = 0; i < rho.length; i++) {
            rho[i] = 0.2 + 0.04 * i;
            delay[i] = 50 * Math.exp(7.5 * rho[i]) * Math.exp(0.03 * random.nextGaussian());
        }
        LawFit fit = fitter.fit(
                Formula.parse("T_grok = k * exp(alpha * rho)"),
                new java.util.LinkedHashMap<>(Map.of("k", 1.0, "alpha", 1.0)),
                Map.of(),
                Map.of("T_grok", delay, "rho", rho),
                LawFitter.Space.LOG);
        assertThat(fit.estimate("alpha").value()).isCloseTo(7.5, within(0.1));
        assertThat(fit.estimate("alpha").covers(7.5)).isTrue();
        assertThat(fit.estimate("k").covers(50)).isTrue();
        assertThat(fit.rSquared()).isGreaterThan(0.99);
    }

    /** For y = a * x the standard error has a closed form: s / sqrt(sum x^2). */
    @Test
    void theStandardErrorMatchesTheClosedFormOfALinearFit() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {2.1, 3.9, 6.2, 7.8, 10.1, 12.0};
        LawFit fit = fitter.fit(
                Formula.parse("y = a * x"), Map.of("a", 1.0), Map.of(), Map.of("y", y, "x", x), LawFitter.Space.LINEAR);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
        }
        double a = sxy / sxx;
        double rss = 0;
        for (int i = 0; i < x.length; i++) {
            rss += (y[i] - a * x[i]) * (y[i] - a * x[i]);
        }
        double se = Math.sqrt(rss / (x.length - 1) / sxx);
        LawFit.Estimate e = fit.estimate("a");
        assertThat(e.value()).isCloseTo(a, within(1e-8));
        assertThat(e.standardError()).isCloseTo(se, within(se * 1e-4));
        // t(0.975, 5 dof) = 2.5706
        assertThat(e.upper() - e.value()).isCloseTo(2.5706 * se, within(se * 1e-3));
    }

    @Test
    void refusesDataItCannotFit() {
        Formula f = Formula.parse("t_grok = k / gamma");
        assertThatThrownBy(() -> fitter.fit(
                        f, Map.of("k", 1.0), Map.of(), Map.of("t_grok", new double[] {1, 2}), LawFitter.Space.LOG))
                .hasMessage("No data and no value for gamma");
        assertThatThrownBy(() -> fitter.fit(
                        f,
                        Map.of("k", 1.0),
                        Map.of(),
                        Map.of("t_grok", new double[] {1}, "gamma", new double[] {1}),
                        LawFitter.Space.LOG))
                .hasMessageContaining("at least 2 are needed");
        assertThatThrownBy(() -> fitter.fit(
                        f,
                        Map.of("k", 1.0),
                        Map.of(),
                        Map.of("t_grok", new double[] {1, -2, 3}, "gamma", new double[] {1, 2, 3}),
                        LawFitter.Space.LOG))
                .hasMessageContaining("positive values of t_grok");
    }
}
