package org.physicsofai.atlas.web.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.physicsofai.atlas.formula.FormulaException;
import org.physicsofai.atlas.law.LawChecker;
import org.physicsofai.atlas.law.LawFit;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.stereotype.Component;

/** Checks a law against the runs of an experiment and stores the law check. */
@Component
class LawCheckCommand implements AtlasCommand {

    private final LawChecker checker;
    private final AtlasProperties properties;

    LawCheckCommand(LawChecker checker, AtlasProperties properties) {
        this.checker = checker;
        this.properties = properties;
    }

    static final String NAME = "lawcheck";

    @Override
    public String name() {
        return NAME;
    }

    static final String SUMMARY = "Fit a law to the runs of an experiment and store the check with its verdict";

    @Override
    public String summary() {
        return SUMMARY;
    }

    static final String USAGE = "lawcheck [--pending] LAW_IRI EXPERIMENT_IRI VARIABLE=IRI...\n"
            + "  VARIABLE=IRI  binds a variable of the law's formula to an observable (the runs' observed value)\n"
            + "                or a variable (the runs' configuration value), for example\n"
            + "                t_grok=https://w3id.org/physics-of-ai/id/observable/steps-to-test-threshold\n"
            + "  --pending     submit the check for review instead of as accepted knowledge\n"
            + "Exits with 1 when the experiment holds too little data in the law's domain.";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        boolean pending = false;
        String law = null;
        String experiment = null;
        Map<String, String> bindings = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--pending")) {
                pending = true;
            } else if (arg.startsWith("--")) {
                throw new UsageException("Unknown option '" + arg + "'.");
            } else if (law == null) {
                law = iri(arg, "law");
            } else if (experiment == null) {
                experiment = iri(arg, "experiment");
            } else {
                int eq = arg.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("A binding is VARIABLE=IRI, not '" + arg + "'.");
                }
                bindings.put(arg.substring(0, eq), iri(arg.substring(eq + 1), "binding of " + arg.substring(0, eq)));
            }
        }
        if (law == null || experiment == null || bindings.isEmpty()) {
            throw new UsageException("Give the law, the experiment and at least one binding.");
        }
        LawChecker.Result result;
        try {
            result = checker.check(
                    law,
                    experiment,
                    bindings,
                    new AgentRef(properties.baseIri() + "agent/command-line", "command line"),
                    !pending);
        } catch (LawChecker.OutOfDomainException e) {
            err.println(e.getMessage());
            return 1;
        } catch (FormulaException e) {
            err.println("The law's formula cannot be read: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.println(result.check());
        out.println("runs used: " + result.runs().size() + ", left out: " + result.left()
                + ", outside the law's regime: " + result.outside().size());
        if (result.fit() == null) {
            out.println("verdict: " + result.verdict().label() + " (" + result.reason() + ")");
            out.println((result.created() ? "stored as " : "unchanged: ") + result.contribution());
            return 0;
        }
        for (String symbol : result.fit().symbols()) {
            LawFit.Estimate e = result.fit().estimate(symbol);
            out.println(symbol + " = " + e.value() + " (standard error " + e.standardError() + ", 95% interval ["
                    + e.lower() + ", " + e.upper() + "]"
                    + (result.published().containsKey(symbol)
                            ? ", published " + result.published().get(symbol)
                            : "")
                    + ")");
        }
        out.println("R^2 (log) = " + result.fit().rSquared());
        out.println("verdict: " + result.verdict().label() + " (" + result.reason() + ")");
        out.println((result.created() ? "stored as " : "unchanged: ") + result.contribution());
        return 0;
    }

    private static String iri(String text, String what) {
        if (!text.matches("https?://\\S+")) {
            throw new UsageException("The " + what + " must be an IRI, not '" + text + "'.");
        }
        return text;
    }
}
