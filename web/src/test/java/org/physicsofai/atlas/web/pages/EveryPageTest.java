package org.physicsofai.atlas.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;

/**
 * Walks the pages a signed-in administrator reaches from the home page by following links, in each
 * language, and reads every one: no message key is missing ({@code ??key??}), and no link to a kind of
 * node that has a name (phenomena, claims, laws, sources, observables, experiments, runs...) is named by
 * its IRI or prefixed slug (except in a contribution's raw statements, listed as written).
 */
class EveryPageTest extends AtlasWebTest {

    /** Pages read per language: every kind of page, and many of each. */
    private static final int PAGES = 160;

    private static final Pattern HREF = Pattern.compile("href=\"(/[^\"#]*)");
    private static final Pattern MISSING_KEY = Pattern.compile("\\?\\?[\\w.\\-]+\\?\\?");
    private static final Pattern LINK = Pattern.compile("<a\\b[^>]*>([^<]*)</a>");
    /** A link named by the IRI or prefixed slug of a kind of node that has a label, title or statement. */
    private static final Pattern IRI_TEXT = Pattern.compile("^\\s*(https?://\\S*/id/|id:)"
            + "(phenomenon|claim|law|source|observable|experiment|run|model|dataset|task|variable)/\\S+\\s*$");
    /** Links that are not pages: data, feeds, assets, RDF, and what signs out. */
    private static final Pattern NOT_A_PAGE = Pattern.compile(
            "^/(api|v3|actuator|webjars|css|js|img|downloads/|favicon|logout|insights\\.atom|ontology/shapes)"
                    + "|[?&](format|query)=|\\.(gz|csv|json|ttl|nt|png|svg)$");
    /** Several of these are the same page for another node: a few of each are enough. */
    private static final int PER_KIND = 6;

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void noPageMissesAMessageOrNamesALinkByItsIri(String language) {
        WebClient admin = signedIn(ADMIN, Role.ADMIN);
        Deque<String> queue = new ArrayDeque<>(List.of(
                "/",
                "/submit",
                "/submit/observation",
                "/submit/experiment",
                "/submit/claim",
                "/submit/law",
                "/review",
                "/account",
                "/import",
                "/admin/users",
                "/disputes",
                "/sparql",
                "/trace?from=grokking",
                "/why?claim=liu2022omni-lu-mechanism",
                "/search?q=grokking",
                "/ontology"));
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, Integer> perKind = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int read = 0;
        while (!queue.isEmpty() && read < PAGES) {
            String path = queue.removeFirst();
            HttpResponse<String> response = admin.get(path + (path.contains("?") ? "&" : "?") + "lang=" + language);
            read++;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != 200 || !type.startsWith("text/html")) {
                continue;
            }
            String body = response.body();
            Matcher missing = MISSING_KEY.matcher(body);
            while (missing.find()) {
                problems.add(path + ": missing message " + missing.group());
            }
            Matcher link = LINK.matcher(body);
            // A contribution's raw statements (its page and the review queue) are listed as written.
            boolean raw = path.startsWith("/id/contribution/") || path.startsWith("/review");
            while (!raw && link.find()) {
                if (IRI_TEXT.matcher(link.group(1)).matches()) {
                    problems.add(
                            path + ": link named by its IRI " + link.group(1).strip());
                }
            }
            Matcher href = HREF.matcher(body);
            while (href.find()) {
                String next = href.group(1).replace("&amp;", "&").replaceAll("[?&]lang=\\w+", "");
                String kind = next.replaceAll("^(/id/[^/]+|/[^/?]+).*$", "$1");
                if (!NOT_A_PAGE.matcher(next).find()
                        && seen.add(next)
                        && perKind.merge(kind, 1, Integer::sum) <= PER_KIND) {
                    queue.addLast(next);
                }
            }
        }
        assertThat(read).isGreaterThan(40);
        assertThat(problems).isEmpty();
    }
}
