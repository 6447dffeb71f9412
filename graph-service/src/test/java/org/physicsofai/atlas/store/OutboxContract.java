package org.physicsofai.atlas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.store.TestGraphs.id;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link KnowledgeStore} adapter must do for mirrors: record each change to accepted knowledge
 * in the outbox in the same transaction, hand the entries out in commit order until acknowledged, and keep
 * the outbox out of knowledge. Each adapter's test extends this class.
 */
public abstract class OutboxContract {

    private static final AgentRef ALICE = new AgentRef(id("agent/alice"), "Alice");
    private static final AgentRef CURATOR = new AgentRef(id("agent/carol"), "Carol");

    @TempDir
    protected Path directory;

    protected KnowledgeStore store;

    /** Opens the adapter on the given directory (or a server holding its data there). */
    protected abstract KnowledgeStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private ContributionRecord submit(String body, boolean acceptNow, String... supersedes) {
        return store.submit(new NewContribution(
                        turtle(body),
                        ContributionMethod.MANUAL,
                        ALICE,
                        null,
                        null,
                        "test",
                        List.of(supersedes),
                        acceptNow))
                .contribution();
    }

    private static String change(OutboxEntry entry) {
        return (entry.added() ? "+" : "-") + entry.contribution();
    }

    @Test
    void nothingIsRecordedUntilAMirrorAsks() {
        submit("<claim/a> atlas:supports <claim/b> .", true);

        assertThat(store.pendingChanges(10)).isEmpty();
        assertThat(store.pendingChangeCount()).isZero();
    }

    @Test
    void everyChangeToAcceptedKnowledgeIsRecordedInCommitOrder() {
        store.recordChanges();
        Instant before = Instant.now().minusSeconds(1);
        ContributionRecord first = submit("<claim/a> atlas:supports <claim/b> .", true);
        ContributionRecord pending = submit("<claim/b> atlas:supports <claim/c> .", false);
        assertThat(store.pendingChangeCount()).isEqualTo(1);
        store.accept(pending.iri(), CURATOR, "checked");
        ContributionRecord replacement = submit("<claim/a> atlas:refines <claim/b> .", true, first.iri());
        store.retract(pending.iri(), CURATOR, "wrong");
        submit("<claim/a> atlas:supports <claim/b> .", false);

        List<OutboxEntry> entries = store.pendingChanges(100);

        assertThat(entries)
                .extracting(OutboxContract::change)
                .containsExactly(
                        "+" + first.iri(),
                        "+" + pending.iri(),
                        "+" + replacement.iri(),
                        "-" + first.iri(),
                        "-" + pending.iri());
        assertThat(entries).extracting(OutboxEntry::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(entries).allSatisfy(e -> assertThat(e.at()).isAfter(before));
        assertThat(store.pendingChanges(2)).containsExactlyElementsOf(entries.subList(0, 2));
        assertThat(store.pendingChangeCount()).isEqualTo(5);
    }

    @Test
    void aResubmissionOfTheSameContentRecordsNothing() {
        store.recordChanges();
        submit("<claim/a> atlas:supports <claim/b> .", true);
        submit("<claim/a> atlas:supports <claim/b> .", true);

        assertThat(store.pendingChangeCount()).isEqualTo(1);
    }

    @Test
    void acknowledgedEntriesAreGoneAndTheRestStayInOrder() {
        store.recordChanges();
        for (int i = 0; i < 4; i++) {
            submit("<claim/a> atlas:supports <claim/n" + i + "> .", true);
        }
        List<OutboxEntry> entries = store.pendingChanges(10);

        store.acknowledge(entries.get(1).sequence());

        assertThat(store.pendingChanges(10)).containsExactlyElementsOf(entries.subList(2, 4));
        assertThat(store.pendingChangeCount()).isEqualTo(2);
        store.acknowledge(entries.get(1).sequence());
        assertThat(store.pendingChangeCount()).isEqualTo(2);
        store.acknowledge(entries.get(3).sequence());
        assertThat(store.pendingChanges(10)).isEmpty();
    }

    @Test
    void entriesSurviveARestartAndLaterOnesComeAfterThem() {
        store.recordChanges();
        ContributionRecord before = submit("<claim/a> atlas:supports <claim/b> .", true);
        long last = store.pendingChanges(10).getLast().sequence();
        store.acknowledge(last);
        ContributionRecord unacknowledged = submit("<claim/b> atlas:supports <claim/c> .", true);
        store.close();
        store = open(directory);
        store.recordChanges();

        store.retract(before.iri(), CURATOR, "wrong");

        List<OutboxEntry> entries = store.pendingChanges(10);
        assertThat(entries)
                .extracting(OutboxContract::change)
                .containsExactly("+" + unacknowledged.iri(), "-" + before.iri());
        assertThat(entries.getFirst().sequence()).isGreaterThan(last);
        assertThat(entries.getLast().sequence())
                .isGreaterThan(entries.getFirst().sequence());
    }

    @Test
    void theOutboxIsNeitherKnowledgeNorVisibleToQueriesOrExports() {
        store.recordChanges();
        submit("<claim/a> atlas:supports <claim/b> .", true);
        assertThat(store.pendingChangeCount()).isEqualTo(1);

        boolean visible = store.query(
                QueryFactory.create("ASK { { GRAPH <" + KnowledgeStore.OUTBOX_GRAPH
                        + "> { ?s ?p ?o } } UNION { GRAPH ?g" + " { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \""
                        + KnowledgeStore.OUTBOX_GRAPH + "\")) } }"),
                Duration.ofSeconds(10),
                exec -> exec.ask());
        long defaultStatements = store.query(
                QueryFactory.create("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"),
                Duration.ofSeconds(10),
                exec -> Long.parseLong(exec.select().next().get("n").getLiteralLexicalForm()));
        List<Quad> exported = new ArrayList<>();
        store.export(
                new StreamRDFBase() {
                    @Override
                    public void quad(Quad quad) {
                        exported.add(quad);
                    }
                },
                true);

        assertThat(visible).isFalse();
        assertThat(defaultStatements).isEqualTo(1);
        assertThat(exported)
                .noneMatch(q ->
                        q.getGraph().getURI() != null && q.getGraph().getURI().startsWith(KnowledgeStore.OUTBOX_GRAPH));
    }
}
