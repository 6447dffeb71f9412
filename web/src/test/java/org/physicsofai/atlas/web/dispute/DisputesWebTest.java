package org.physicsofai.atlas.web.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.law.LawChecker;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;

/** The disputes page over the seed, a law check and a detector label; curators explain a flag. */
class DisputesWebTest extends AtlasWebTest {

    private static final String ID = "https://w3id.org/physics-of-ai/id/";
    private static final String OMNIGROK = ID + "law/liu2022omni-grokking-time-vs-weight-decay";

    @Autowired
    KnowledgeStore store;

    @Autowired
    LawChecker checker;

    private String page() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/disputes"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String article(String html, String marker) {
        int at = html.indexOf(marker);
        assertThat(at).as(marker).isPositive();
        int start = html.lastIndexOf("<article", at);
        return html.substring(start, html.indexOf("</article>", at));
    }

    @Test
    void flagsLawChecksDetectorLabelsAndDisputingClaimsAndCuratorsExplainThem() throws Exception {
        // two seed claims that dispute each other about compression in the information plane
        String html = page();
        String claims = article(html, "href=\"/id/claim/chelombiev2019-compression-without-saturation\"");
        assertThat(claims).contains("data-kind=\"claims\"").contains("data-explained=\"false\"");
        assertThat(claims)
                .contains("/trace?from=" + ID + "claim/chelombiev2019-compression-without-saturation&amp;to=" + ID
                        + "claim/saxe2018-compression-from-saturation");
        assertThat(claims).contains("/why?claim=" + ID + "claim/saxe2018-compression-from-saturation");

        // over the seed's phase diagram the law is not testable (no run inside its regime): nothing is flagged
        LawChecker.Result notTestable = checker.check(
                OMNIGROK,
                ID + "experiment/liu2022eff-toy-addition-phase-diagram",
                Map.of("t_grok", ID + "observable/steps-to-test-threshold", "gamma", ID + "variable/weight-decay"),
                new AgentRef(ID + "agent/disputes-test", "test"),
                true);
        assertThat(notTestable.verdict()).isEqualTo(LawChecker.Verdict.NOT_TESTABLE);

        // a law check inconsistent with a law: 8 runs inside the regime (init scale 8) whose time grows with
        // the weight decay, and 3 outside it (init scale 1), left out
        String sweep = "https://example.org/disputes-test/";
        Graph data = GraphFactory.createDefaultGraph();
        Node exp = NodeFactory.createURI(sweep + "experiment/wd-sweep");
        data.add(exp, RDF.type.asNode(), Atlas.Experiment.asNode());
        // trained with AdamW, as the law's regime states
        Node optimizer = NodeFactory.createURI(sweep + "config/wd-sweep-optimizer");
        data.add(exp, Atlas.hasConfig.asNode(), optimizer);
        data.add(optimizer, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
        data.add(optimizer, Atlas.configKey.asNode(), NodeFactory.createLiteralString("optimizer"));
        data.add(optimizer, Atlas.configValue.asNode(), NodeFactory.createLiteralString("AdamW"));
        data.add(optimizer, Atlas.variable.asNode(), NodeFactory.createURI(ID + "variable/optimizer"));
        for (int i = 0; i < 11; i++) {
            double gamma = 0.1 * (i + 1);
            Node r = NodeFactory.createURI(sweep + "run/wd-" + i);
            data.add(r, RDF.type.asNode(), Atlas.Run.asNode());
            data.add(r, Atlas.partOf.asNode(), exp);
            setting(data, r, sweep + "config/wd-" + i, ID + "variable/weight-decay", gamma);
            setting(data, r, sweep + "config/init-" + i, ID + "variable/init-scale", i < 8 ? 8 : 1);
            Node o = NodeFactory.createURI(sweep + "observation/wd-" + i);
            data.add(o, RDF.type.asNode(), Atlas.Observation.asNode());
            data.add(o, Atlas.run.asNode(), r);
            data.add(o, Atlas.observable.asNode(), NodeFactory.createURI(ID + "observable/steps-to-test-threshold"));
            data.add(
                    o,
                    Atlas.value.asNode(),
                    NodeValue.makeDouble(1000 * gamma * gamma).asNode());
        }
        store.submit(new NewContribution(
                data,
                ContributionMethod.MANUAL,
                new AgentRef(sweep + "agent", "test"),
                null,
                null,
                null,
                List.of(),
                true));
        LawChecker.Result check = checker.check(
                OMNIGROK,
                exp.getURI(),
                Map.of("t_grok", ID + "observable/steps-to-test-threshold", "gamma", ID + "variable/weight-decay"),
                new AgentRef(ID + "agent/disputes-test", "test"),
                true);
        assertThat(check.verdict()).isEqualTo(LawChecker.Verdict.INCONSISTENT);
        assertThat(check.runs()).hasSize(8);
        assertThat(check.outside()).hasSize(3);

        // a detector labelling a run memorization that its source says groks
        String base = "https://example.org/disputes-test/";
        Graph g = GraphFactory.createDefaultGraph();
        Node run = NodeFactory.createURI(base + "run/1");
        Node det = NodeFactory.createURI(base + "detector/grokking-1.0.0-test");
        Node obs = NodeFactory.createURI(base + "observation/1-phase");
        g.add(run, RDF.type.asNode(), Atlas.Run.asNode());
        g.add(run, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang("disputed run", "en"));
        g.add(run, Atlas.exhibits.asNode(), NodeFactory.createURI(ID + "phenomenon/grokking"));
        g.add(det, RDF.type.asNode(), Atlas.Detector.asNode());
        g.add(obs, RDF.type.asNode(), Atlas.Observation.asNode());
        g.add(obs, Atlas.run.asNode(), run);
        g.add(obs, Atlas.detectedBy.asNode(), det);
        g.add(obs, Atlas.indicates.asNode(), NodeFactory.createURI(ID + "phenomenon/memorization"));
        store.submit(new NewContribution(
                g,
                ContributionMethod.DETECTOR,
                new AgentRef(base + "agent", "test"),
                null,
                null,
                null,
                List.of(),
                true));

        html = page();
        // other tests may have flagged law checks too: this one is found by its check's link
        String slug = check.check().substring(check.check().lastIndexOf('/') + 1);
        String law = article(html, "href=\"/id/lawcheck/" + slug + "\"");
        assertThat(law).contains("data-kind=\"law-check\"").contains(OMNIGROK.substring(ID.length()));
        assertThat(law).contains("the law check is inconsistent with the law");
        assertThat(law).contains("3 runs outside the regime were left out and neither support nor dispute the law");
        assertThat(html)
                .doesNotContain(
                        notTestable.check().substring(notTestable.check().lastIndexOf('/') + 1));
        String detector = article(html, "href=\"" + base + "run/1\"");
        assertThat(detector).contains("data-kind=\"detector\"").contains("labels the run memorization");
        assertThat(html).doesNotContain("class=\"explain-form\"");

        // anonymous and contributors cannot explain; a curator can, with a note and the CSRF token
        Matcher id = Pattern.compile("data-flag=\"([^\"]+)\"").matcher(law);
        assertThat(id.find()).isTrue();
        String flag = id.group(1);
        WebClient anonymous = new WebClient(port);
        anonymous.get("/disputes");
        assertThat(anonymous
                        .post("/disputes/explain", Map.of("flag", flag, "note", "x"))
                        .statusCode())
                .isIn(302, 401, 403);
        WebClient contributor = signedIn("disputes-contributor", Role.CONTRIBUTOR);
        contributor.get("/disputes");
        assertThat(contributor
                        .post("/disputes/explain", Map.of("flag", flag, "note", "x"))
                        .statusCode())
                .isEqualTo(403);
        WebClient curator = signedIn("disputes-curator", Role.CURATOR);
        assertThat(curator.get("/disputes").body()).contains("class=\"explain-form\"");
        assertThat(curator.postRaw("/disputes/explain", Map.of("flag", flag, "note", "no CSRF"))
                        .statusCode())
                .isEqualTo(403);
        curator.get("/disputes");
        HttpResponse<String> blank = curator.post("/disputes/explain", Map.of("flag", flag, "note", " "));
        assertThat(blank.statusCode()).isEqualTo(400);
        curator.get("/disputes");
        HttpResponse<String> done = curator.post(
                "/disputes/explain",
                Map.of(
                        "flag",
                        flag,
                        "note",
                        "The Omnigrok law's regime (AdamW, large initial norm) is not this experiment's."));
        assertThat(done.statusCode()).isEqualTo(302);
        String after = article(page(), "data-flag=\"" + flag + "\"");
        assertThat(after).contains("data-explained=\"true\"").contains("is not this experiment");
        String zh = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/disputes?lang=zh"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(zh).contains("争议").contains("已解释");
    }

    private static void setting(Graph g, Node run, String iri, String variable, double value) {
        Node c = NodeFactory.createURI(iri);
        g.add(run, Atlas.hasConfig.asNode(), c);
        g.add(c, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
        g.add(
                c,
                Atlas.configKey.asNode(),
                NodeFactory.createLiteralString(variable.substring(variable.lastIndexOf('/') + 1)));
        g.add(c, Atlas.variable.asNode(), NodeFactory.createURI(variable));
        g.add(c, Atlas.configValue.asNode(), NodeValue.makeDouble(value).asNode());
    }
}
