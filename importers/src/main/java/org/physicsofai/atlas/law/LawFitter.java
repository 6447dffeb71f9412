package org.physicsofai.atlas.law;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.physicsofai.atlas.formula.Formula;

/**
 * Fits a formula's free parameters to data by nonlinear least squares (Levenberg-Marquardt, Hipparchus),
 * with standard errors from the covariance of the estimate scaled by the residual variance and
 * Student-t confidence intervals.
 */
public final class LawFitter {

    /** Where residuals are measured. */
    public enum Space {
        /** {@code y - f(x)}. */
        LINEAR,
        /**
         * {@code log y - log f(x)}: relative errors, for targets spanning orders of magnitude (steps,
         * losses); needs positive targets and predictions.
         */
        LOG
    }

    private final double confidence;

    /** @param confidence the level of the intervals, such as 0.95 */
    public LawFitter(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("The confidence level lies in (0, 1): " + confidence);
        }
        this.confidence = confidence;
    }

    /**
     * @param formula the law's formula
     * @param free the symbols to fit, with starting values
     * @param fixed symbols held at given values (published constants)
     * @param data one column per variable, the target among them, all of one length
     * @throws IllegalArgumentException when a column is missing, lengths differ, there are no more points
     *     than free parameters, or (in log space) a target is not positive
     */
    public LawFit fit(
            Formula formula,
            Map<String, Double> free,
            Map<String, Double> fixed,
            Map<String, double[]> data,
            Space space) {
        List<String> symbols = List.copyOf(free.keySet());
        double[] y = data.get(formula.target());
        if (y == null) {
            throw new IllegalArgumentException("No data for the predicted quantity " + formula.target());
        }
        int n = y.length;
        for (String id : formula.identifiers()) {
            if (!free.containsKey(id) && !fixed.containsKey(id)) {
                double[] column = data.get(id);
                if (column == null) {
                    throw new IllegalArgumentException("No data and no value for " + id);
                }
                if (column.length != n) {
                    throw new IllegalArgumentException(
                            "The column " + id + " has " + column.length + " values, the target " + n);
                }
            }
        }
        int p = symbols.size();
        if (n <= p) {
            throw new IllegalArgumentException(
                    n + " point(s) cannot fit " + p + " free parameter(s): at least " + (p + 1) + " are needed");
        }
        double[] observed = new double[n];
        for (int i = 0; i < n; i++) {
            if (space == Space.LOG && !(y[i] > 0)) {
                throw new IllegalArgumentException(
                        "A log-space fit needs positive values of " + formula.target() + ", not " + y[i]);
            }
            observed[i] = space == Space.LOG ? Math.log(y[i]) : y[i];
        }
        double[] start = symbols.stream().mapToDouble(free::get).toArray();

        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .target(observed)
                .model(point -> evaluate(formula, symbols, fixed, data, n, point, space))
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .build();
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        double[] estimate = optimum.getPoint().toArray();
        RealVector residuals = optimum.getResiduals();
        double rss = residuals.dotProduct(residuals);
        int dof = n - p;
        double variance = rss / dof;
        RealMatrix cov = optimum.getCovariances(1e-14).scalarMultiply(variance);
        double t = new TDistribution(dof).inverseCumulativeProbability(0.5 + confidence / 2);
        double mean = 0;
        for (double v : observed) {
            mean += v / n;
        }
        double tss = 0;
        for (double v : observed) {
            tss += (v - mean) * (v - mean);
        }
        Map<String, LawFit.Estimate> fitted = new LinkedHashMap<>();
        for (int j = 0; j < p; j++) {
            double se = Math.sqrt(cov.getEntry(j, j));
            fitted.put(
                    symbols.get(j), new LawFit.Estimate(estimate[j], se, estimate[j] - t * se, estimate[j] + t * se));
        }
        return new LawFit(fitted, n, Math.sqrt(rss / n), tss > 0 ? 1 - rss / tss : Double.NaN, optimum.getIterations());
    }

    /** The model's values and a central-difference Jacobian at one point of parameter space. */
    private static Pair<RealVector, RealMatrix> evaluate(
            Formula formula,
            List<String> symbols,
            Map<String, Double> fixed,
            Map<String, double[]> data,
            int n,
            RealVector point,
            Space space) {
        double[] x = point.toArray();
        double[] value = predict(formula, symbols, fixed, data, n, x, space);
        double[][] jacobian = new double[n][x.length];
        for (int j = 0; j < x.length; j++) {
            double h = 1e-6 * Math.max(Math.abs(x[j]), 1e-6);
            double[] up = x.clone();
            double[] down = x.clone();
            up[j] += h;
            down[j] -= h;
            double[] a = predict(formula, symbols, fixed, data, n, up, space);
            double[] b = predict(formula, symbols, fixed, data, n, down, space);
            for (int i = 0; i < n; i++) {
                jacobian[i][j] = (a[i] - b[i]) / (2 * h);
            }
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
    }

    private static double[] predict(
            Formula formula,
            List<String> symbols,
            Map<String, Double> fixed,
            Map<String, double[]> data,
            int n,
            double[] x,
            Space space) {
        Map<String, Double> params = new HashMap<>(fixed);
        for (int j = 0; j < x.length; j++) {
            params.put(symbols.get(j), x[j]);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int row = i;
            double v = formula.expression().evaluate(name -> {
                Double c = params.get(name);
                return c != null ? c : data.get(name)[row];
            });
            out[i] = space == Space.LOG ? Math.log(v) : v;
        }
        return out;
    }
}
