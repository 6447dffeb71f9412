package org.physicsofai.atlas.web.law;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.law.LawChecker;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The law page: a check's verdict, fitted values, and the data with the published and fitted curves. */
class LawPageWebTest extends AtlasWebTest {

    private static final String ID = "https://w3id.org/physics-of-ai/id/";
    private static final String CLAMPED = ID + "law/truong2026-clamped-norm-delay";
    private static final String DELAY = ID + "observable/grokking-delay";

    @Autowired
    KnowledgeStore store;

    @Autowired
    LawChecker checker;

    private final HttpClient http = HttpClient.newHttpClient();

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void aLawPagePlotsTheDataThePublishedAndTheFittedCurveOfEachCheck() throws Exception {
        String base = "https://example.org/law-page-test/";
        String rho = base + "variable/rho";
        Graph g = GraphFactory.createDefaultGraph();
        Node exp = NodeFactory.createURI(base + "experiment/clamped");
        g.add(exp, RDF.type.asNode(), Atlas.Experiment.asNode());
        Random random = new Random(5);
        for (int i = 0; i < 15; i++) {
            double x = 0.3 + 0.05 * i;
            double y = 20 * Math.exp(5.0 * x) * Math.exp(0.05 * random.nextGaussian());
            Node run = NodeFactory.createURI(base + "run/" + i);
            Node cfg = NodeFactory.createURI(base + "config/" + i);
            Node obs = NodeFactory.createURI(base + "observation/" + i);
            g.add(run, RDF.type.asNode(), Atlas.Run.asNode());
            g.add(run, Atlas.partOf.asNode(), exp);
            g.add(run, Atlas.hasConfig.asNode(), cfg);
            g.add(cfg, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
            g.add(cfg, Atlas.configKey.asNode(), NodeFactory.createLiteralString("rho"));
            g.add(
                    cfg,
                    Atlas.configValue.asNode(),
                    NodeFactory.createLiteralDT(Double.toString(x), XSDDatatype.XSDdouble));
            g.add(cfg, Atlas.variable.asNode(), NodeFactory.createURI(rho));
            g.add(obs, RDF.type.asNode(), Atlas.Observation.asNode());
            g.add(obs, Atlas.run.asNode(), run);
            g.add(obs, Atlas.observable.asNode(), NodeFactory.createURI(DELAY));
            g.add(obs, Atlas.value.asNode(), NodeFactory.createLiteralDT(Double.toString(y), XSDDatatype.XSDdouble));
        }
        AgentRef agent = new AgentRef(base + "agent/test", "test");
        store.submit(new NewContribution(g, ContributionMethod.MANUAL, agent, null, null, null, List.of(), true));
        LawChecker.Result r = checker.check(CLAMPED, exp.getURI(), Map.of("T_grok", DELAY, "rho", rho), agent, true);
        assertThat(r.verdict()).isEqualTo(LawChecker.Verdict.INCONSISTENT);

        String html = get("/law?iri=" + URLEncoder.encode(CLAMPED, StandardCharsets.UTF_8));
        int at = html.indexOf("data-check=\"" + r.check() + "\"");
        assertThat(at).isPositive();
        String section = html.substring(at, html.indexOf("</section>", at));
        assertThat(section).contains("data-verdict=\"inconsistent\"").contains("inconsistent with the data");
        assertThat(section).contains("over 15 runs");
        // the fitted alpha (about 5) and the published one (7.5)
        Matcher alpha = Pattern.compile(
                        "data-symbol=\"alpha\">\\s*<td><code>alpha</code></td>\\s*<td class=\"fitted\">([0-9.]+)</td>")
                .matcher(section);
        assertThat(alpha.find()).isTrue();
        assertThat(Double.parseDouble(alpha.group(1))).isBetween(4.7, 5.3);
        assertThat(section).contains("<td>7.5</td>");
        // one plot: 15 data points each linking to its run, the fitted and the published curves
        assertThat(section.split("class=\"point\"", -1).length - 1).isEqualTo(15);
        assertThat(section).containsPattern("<path class=\"curve-published\" d=\"M[0-9. L]+\"");
        assertThat(section).containsPattern("<path class=\"curve-fitted\" d=\"M[0-9. L]+\"");
        assertThat(section).contains("data-y-scale=\"log\"").contains("data-x-scale=\"linear\"");
        // the log axis ticks at 1, 2 and 5 times powers of ten (the data span less than two decades), each
        // value short enough to end clear of the axis's name at the left edge
        List<String> yTicks = Pattern.compile(
                        "<text text-anchor=\"end\" dominant-baseline=\"middle\"[^>]*>([^<]+)</text>")
                .matcher(section)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(yTicks)
                .hasSizeGreaterThanOrEqualTo(3)
                .allMatch(t -> t.matches("[125]0*|0\\.0*[125]|([25] × )?10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+"));
        assertThat(yTicks).allMatch(t -> t.length() <= 8);
        assertThat(section).contains("transform=\"translate(18 ");
        assertThat(section).contains("/run?iri=" + base + "run/0");
        assertThat(html).doesNotContainPattern("<script(?![^>]*src=)[^>]*>");

        // the law's entity page links here, and its why answer holds the check
        assertThat(get("/id/law/truong2026-clamped-norm-delay")).contains("id=\"law-checks\"");
        String why = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/why?claim="
                                        + URLEncoder.encode(CLAMPED, StandardCharsets.UTF_8)))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(why).contains(r.check());
        assertThat(get("/law?lang=zh&iri=" + URLEncoder.encode(CLAMPED, StandardCharsets.UTF_8)))
                .contains("与数据不一致");
    }
}
