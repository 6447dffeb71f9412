package org.physicsofai.atlas.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.formula.Formula;
import org.physicsofai.atlas.ontology.Atlas;

class LawFormulaTest {

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static Model seed;

    @BeforeAll
    static void load() {
        seed = SeedFiles.seed();
    }

    @Test
    void everyLawHasAParsableFormulaWhoseIdentifiersAreParametersOrDeclaredVariables() {
        List<Resource> laws = seed.listSubjectsWithProperty(RDF.type, Atlas.Law).toList();
        assertThat(laws).hasSize(21);
        List<String> problems = new ArrayList<>();
        for (Resource law : laws) {
            String iri = law.getURI();
            if (!law.hasProperty(Atlas.formula) || !law.hasProperty(Atlas.hasParameter)) {
                problems.add(iri + " lacks a formula or parameters");
                continue;
            }
            Set<String> symbols = new HashSet<>();
            for (Statement p : law.listProperties(Atlas.hasParameter).toList()) {
                symbols.add(p.getResource().getRequiredProperty(Atlas.symbol).getString());
            }
            Set<String> variables = declaredVariables(law);
            try {
                Formula parsed =
                        Formula.parse(law.getRequiredProperty(Atlas.formula).getString());
                if (!variables.contains(parsed.target())) {
                    problems.add(iri + ": predicted quantity " + parsed.target() + " is not a declared variable");
                }
                for (String id : parsed.identifiers()) {
                    if (!symbols.contains(id) && !variables.contains(id)) {
                        problems.add(iri + ": identifier " + id + " is neither a parameter nor a declared variable");
                    }
                }
                symbols.stream()
                        .filter(variables::contains)
                        .forEach(s -> problems.add(iri + ": " + s + " is both a parameter and a variable"));
            } catch (IllegalArgumentException e) {
                problems.add(iri + ": " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void chinchillaConstantsAreKeptInAllThreePublishedVersions() {
        String ns = "https://w3id.org/physics-of-ai/id/law/";
        for (String slug : List.of(
                "hoffmann2022-chinchilla-rounded", "hoffmann2022-chinchilla-tex", "besiroglu2024-chinchilla-refit")) {
            Resource law = seed.getResource(ns + slug);
            assertThat(law.getRequiredProperty(Atlas.formula).getString())
                    .isEqualTo("L = E + A / N^alpha + B / D^beta");
        }
        assertThat(seed.contains(
                        seed.getResource(ns + "besiroglu2024-chinchilla-refit"),
                        Atlas.disputes,
                        seed.getResource(ns + "hoffmann2022-chinchilla-rounded")))
                .isTrue();
        assertThat(seed.contains(
                        seed.getResource(ns + "hoffmann2022-chinchilla-tex"),
                        Atlas.refines,
                        seed.getResource(ns + "hoffmann2022-chinchilla-rounded")))
                .isTrue();
    }

    @Test
    void parserRejectsMalformedFormulas() {
        assertThatThrownBy(() -> Formula.parse("L = E +")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Formula.parse("E + A = B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Formula.parse("L = foo(N)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Formula.parse("L = (N")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Formula.parse("L = E + A / N^alpha + B / D^beta").identifiers())
                .containsExactlyInAnyOrder("E", "A", "N", "alpha", "B", "D", "beta");
        assertThat(Formula.parse("T = k * exp(-alpha * rho) + max(1e-3, x^-2)").identifiers())
                .containsExactlyInAnyOrder("k", "alpha", "rho", "x");
    }

    /** The identifiers listed after "Variables:" in the law's English regime, each followed by " (". */
    private static Set<String> declaredVariables(Resource law) {
        Set<String> names = new HashSet<>();
        for (Statement st : law.listProperties(Atlas.regime).toList()) {
            String text = st.getString();
            int at = text.indexOf("Variables:");
            if (at < 0) {
                continue;
            }
            String list = text.substring(at + "Variables:".length());
            int depth = 0;
            StringBuilder top = new StringBuilder();
            for (char c : list.toCharArray()) {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (depth == 0) {
                    top.append(c);
                }
            }
            Matcher m = WORD.matcher(top);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }
}
