package org.physicsofai.atlas.law;

import java.util.List;
import java.util.Map;

/**
 * The outcome of fitting a law's free parameters to data.
 *
 * @param parameters the fitted parameters, by symbol, in the order they were given
 * @param points how many data points were used
 * @param rms root mean square of the residuals (in the space the fit was made: the target or its log)
 * @param rSquared coefficient of determination in that space
 * @param iterations optimiser iterations
 */
public record LawFit(Map<String, Estimate> parameters, int points, double rms, double rSquared, int iterations) {

    /**
     * One fitted parameter.
     *
     * @param value the least-squares estimate
     * @param standardError from the covariance of the estimate, scaled by the residual variance
     * @param lower lower end of the confidence interval
     * @param upper upper end of the confidence interval
     */
    public record Estimate(double value, double standardError, double lower, double upper) {

        public boolean covers(double x) {
            return x >= lower && x <= upper;
        }
    }

    public LawFit {
        parameters = Map.copyOf(parameters);
    }

    public Estimate estimate(String symbol) {
        Estimate e = parameters.get(symbol);
        if (e == null) {
            throw new IllegalArgumentException("Not a fitted parameter: " + symbol);
        }
        return e;
    }

    public List<String> symbols() {
        return parameters.keySet().stream().sorted().toList();
    }
}
