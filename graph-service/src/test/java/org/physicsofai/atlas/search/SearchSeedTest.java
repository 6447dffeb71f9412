package org.physicsofai.atlas.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/** Searches a real on-disk index of the shipped seed knowledge, as a reader would. */
class SearchSeedTest {

    @TempDir
    static Path directory;

    static KnowledgeStore store;
    static LuceneSearchIndex index;

    @BeforeAll
    static void setUp() {
        store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), AtlasOntology.ID_BASE);
        index = new LuceneSearchIndex(directory.resolve("lucene"), store);
        SeedFixture.load(store);
    }

    @AfterAll
    static void tearDown() {
        index.close();
        store.close();
    }

    static String id(String path) {
        return AtlasOntology.ID_BASE + path;
    }

    private static SearchResults search(String text) {
        return index.search(SearchQuery.of(text));
    }

    private static List<String> iris(String text) {
        return search(text).hits().stream().map(SearchHit::iri).toList();
    }

    @ParameterizedTest(name = "\"{0}\" finds {1} first")
    @CsvSource({
        "grokking, phenomenon/grokking",
        "顿悟, phenomenon/grokking",
        "grok, phenomenon/grokking",
        "Grokking, phenomenon/grokking",
        "2201.02177, source/power2022",
        "arXiv:2201.02177v2, source/power2022",
        "https://arxiv.org/abs/2201.02177, source/power2022",
        "10.1038/s41586-024-07711-7, source/dohare2024",
        "https://doi.org/10.1038/S41586-024-07711-7, source/dohare2024",
        "neural colapse, phenomenon/neural-collapse",
        "neural collapses, phenomenon/neural-collapse",
        "神经坍缩, phenomenon/neural-collapse",
        "delayed generalization, phenomenon/grokking",
        "延迟泛化, phenomenon/grokking",
        "weight decay, variable/weight-decay",
        "double descnet, phenomenon/double-descent"
    })
    void findsTheRightNodeFirst(String text, String expected) {
        assertThat(iris(text)).first().isEqualTo(id(expected));
    }

    @ParameterizedTest(name = "completing \"{0}\" offers {1} first")
    @CsvSource({
        "顿悟, phenomenon/grokking",
        "顿, phenomenon/grokking",
        "grokking, phenomenon/grokking",
        "grok, phenomenon/grokking",
        "2201.02177, source/power2022",
        "neural colapse, phenomenon/neural-collapse",
        "neural c, phenomenon/neural-collapse",
        "double desc, phenomenon/double-descent"
    })
    void completionsOfferTheRightNodeFirst(String typed, String expected) {
        assertThat(index.suggest(typed, "en", 8))
                .extracting(Suggestion::iri)
                .first()
                .isEqualTo(id(expected));
    }

    @Test
    void aConfigurationKeyFindsTheRunsAndExperimentsThatSetIt() {
        SearchResults results = index.search(new SearchQuery("weight_decay", null, 100, 0, "en"));

        assertThat(results.hits().subList(0, 20))
                .extracting(SearchHit::type)
                .allMatch(t -> t.equals("Run") || t.equals("Experiment"));
        assertThat(results.hits())
                .extracting(SearchHit::iri)
                .contains(id("experiment/power2022-algorithmic-grokking"), id("run/liu2022eff-pd-lr00-wd00"));
        assertThat(results.facets().get("Run")).isGreaterThanOrEqualTo(100);
    }

    @Test
    void anExactIdentifierFindsOnlyItsSource() {
        SearchResults results = search("2201.02177");

        assertThat(results.total()).isEqualTo(1);
        assertThat(results.hits().getFirst().type()).isEqualTo("Source");
        assertThat(results.hits().getFirst().label()).startsWith("Grokking: Generalization Beyond Overfitting");
    }

    @Test
    void quotedPhrasesMatchOnlyTheWordsInThatOrder() {
        SearchResults inOrder = search("\"edge of stability\"");
        SearchResults reversed = search("\"stability edge\"");

        assertThat(inOrder.total()).isPositive();
        assertThat(inOrder.hits())
                .allSatisfy(h -> assertThat((h.label() + " " + h.snippet().text()).toLowerCase())
                        .contains("edge of stability"));
        assertThat(reversed.total()).isZero();
    }

    @Test
    void facetsCountEveryTypeAndTheTypeFilterKeepsThem() {
        SearchResults all = search("grokking");
        SearchResults sources = index.search(new SearchQuery("grokking", "Source", 100, 0, "en"));

        assertThat(all.facets()).containsKeys("Phenomenon", "Source", "Claim");
        assertThat(all.facets().values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThanOrEqualTo(all.total());
        assertThat(sources.total()).isEqualTo(all.facets().get("Source"));
        assertThat(sources.hits())
                .isNotEmpty()
                .allSatisfy(h -> assertThat(h.type()).isEqualTo("Source"));
        assertThat(sources.facets()).isEqualTo(all.facets());
    }

    @Test
    void pagesDoNotOverlapAndAddUpToTheTotal() {
        SearchResults first = index.search(new SearchQuery("grokking", null, 10, 0, "en"));
        SearchResults second = index.search(new SearchQuery("grokking", null, 10, 10, "en"));
        SearchResults everything = index.search(new SearchQuery("grokking", null, 100, 0, "en"));

        assertThat(second.total()).isEqualTo(first.total());
        assertThat(second.hits())
                .extracting(SearchHit::iri)
                .doesNotContainAnyElementsOf(
                        first.hits().stream().map(SearchHit::iri).toList());
        assertThat(everything.hits()).hasSize((int) everything.total());
        assertThat(everything.hits().subList(10, 20))
                .extracting(SearchHit::iri)
                .isEqualTo(second.hits().stream().map(SearchHit::iri).toList());
    }

    @Test
    void snippetsMarkTheMatchedWordsInTheReadersLanguage() {
        SearchHit english = index.search(new SearchQuery("weight norm", "Observable", 5, 0, "en"))
                .hits()
                .getFirst();
        // a word of the Chinese definitions, not only of the labels (which the hit's title shows already)
        SearchHit chinese = index.search(new SearchQuery("准确率", "Phenomenon", 5, 0, "zh"))
                .hits()
                .getFirst();

        assertThat(english.snippet().parts()).anySatisfy(p -> {
            assertThat(p.match()).isTrue();
            assertThat(p.text().toLowerCase()).startsWith("norm");
        });
        assertThat(english.snippet().html()).contains("<mark>");
        assertThat(chinese.snippet().parts()).anySatisfy(p -> assertThat(p).isEqualTo(new Snippet.Part("准确率", true)));
        assertThat(chinese.snippet().text().length()).isLessThanOrEqualTo(Snippets.MAX_CHARS + 4);
    }

    @Test
    void labelsFollowTheReadersLanguage() {
        assertThat(index.search(new SearchQuery("grokking", null, 1, 0, "zh"))
                        .hits()
                        .getFirst()
                        .label())
                .isEqualTo("顿悟");
        assertThat(index.search(new SearchQuery("顿悟", null, 1, 0, "en"))
                        .hits()
                        .getFirst()
                        .label())
                .isEqualTo("grokking");
    }

    @Test
    void claimsWithoutALabelAreNamedByTheirStatementInListsAndHits() {
        Listing claims = index.list(new ListingQuery("Claim", null, null, ListingQuery.Sort.LABEL, 100, 0, "zh"));

        assertThat(claims.items())
                .isNotEmpty()
                .noneSatisfy(i -> assertThat(i.label())
                        .isEqualTo(i.iri().substring(i.iri().lastIndexOf('/') + 1)));
        assertThat(claims.items())
                .filteredOn(i -> i.iri().equals(id("claim/kumar2023-weight-decay-not-necessary")))
                .singleElement()
                .satisfies(i -> assertThat(i.label()).isEqualTo("权重衰减并非顿悟所必需"));
        assertThat(index.search(new SearchQuery("weight decay necessary", "Claim", 20, 0, "en"))
                        .hits())
                .filteredOn(h -> h.iri().equals(id("claim/kumar2023-weight-decay-not-necessary")))
                .singleElement()
                .satisfies(h -> assertThat(h.label()).isEqualTo("Weight decay not necessary for grokking"));
    }

    @Test
    void aNameFindsTheNodesItNamesExactly() {
        assertThat(index.named("Edge of Stability", "en", 5))
                .extracting(Suggestion::iri)
                .containsExactly(id("phenomenon/edge-of-stability"));
        assertThat(index.named("顿悟", "en", 5)).extracting(Suggestion::iri).containsExactly(id("phenomenon/grokking"));
        assertThat(index.named("2201.02177", "en", 5))
                .extracting(Suggestion::iri)
                .containsExactly(id("source/power2022"));
        assertThat(index.named("edge of", "en", 5)).isEmpty();
        assertThat(index.named(" ", "en", 5)).isEmpty();
    }

    @Test
    void aSearchThatFindsNothingSuggestsCloseMatches() {
        SearchResults results = search("xrokking");

        assertThat(results.total()).isZero();
        assertThat(results.hits()).isEmpty();
        assertThat(results.closeMatches()).extracting(Suggestion::iri).contains(id("phenomenon/grokking"));
    }

    @Test
    void completesNamesFromTheirFirstLetters() {
        assertThat(index.suggest("neural c", "en", 5))
                .first()
                .isEqualTo(new Suggestion(id("phenomenon/neural-collapse"), "neural collapse", "Phenomenon"));
        assertThat(index.suggest("grok", "en", 5))
                .extracting(Suggestion::iri)
                .first()
                .isEqualTo(id("phenomenon/grokking"));
        assertThat(index.suggest("顿", "zh", 5))
                .first()
                .isEqualTo(new Suggestion(id("phenomenon/grokking"), "顿悟", "Phenomenon"));
        assertThat(index.suggest("2201.02177", "en", 5))
                .extracting(Suggestion::iri)
                .first()
                .isEqualTo(id("source/power2022"));
        assertThat(index.suggest("  ", "en", 5)).isEmpty();
    }

    @Test
    void listsSourcesByYearAndObservablesByPhenomenon() {
        Listing sources = index.list(new ListingQuery("Source", null, null, ListingQuery.Sort.YEAR, 100, 0, "en"));
        Listing of2022 = index.list(new ListingQuery("Source", null, 2022, ListingQuery.Sort.LABEL, 100, 0, "en"));
        Listing grokking = index.list(
                new ListingQuery("Observable", id("phenomenon/grokking"), null, ListingQuery.Sort.LABEL, 100, 0, "en"));

        assertThat(sources.total()).isEqualTo(sources.items().size()).isGreaterThan(40);
        assertThat(sources.items())
                .extracting(Listing.Item::year)
                .filteredOn(y -> y != null)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(of2022.items())
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.year()).isEqualTo(2022));
        assertThat(of2022.total()).isEqualTo(sources.years().get(2022));
        assertThat(of2022.items()).extracting(Listing.Item::label).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(grokking.items())
                .extracting(Listing.Item::iri)
                .contains(id("observable/train-loss"), id("observable/test-accuracy"))
                .doesNotContain(id("observable/steps-to-test-threshold-missing"));
        assertThat(grokking.total())
                .isLessThan(index.list(new ListingQuery("Observable", null, null, ListingQuery.Sort.LABEL, 1, 0, "en"))
                        .total());
    }

    @Test
    void theMostConnectedPhenomenaListFirst() {
        Listing phenomena =
                index.list(new ListingQuery("Phenomenon", null, null, ListingQuery.Sort.CONNECTED, 100, 0, "en"));

        assertThat(phenomena.items())
                .extracting(Listing.Item::connections)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(phenomena.items().subList(0, 5))
                .extracting(Listing.Item::iri)
                .contains(id("phenomenon/grokking"), id("phenomenon/memorization"));
    }

    @Test
    void indexesOnlyEntitiesOfAtlasClasses() {
        assertThat(iris("verified"))
                .doesNotContain(id("../atlas#verified"), "https://w3id.org/physics-of-ai/atlas#verified");
        assertThat(search("Contribution").hits()).noneMatch(h -> h.iri().contains("/contribution/"));
    }
}
