package org.physicsofai.atlas.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link SeriesStore} adapter must do; each adapter's test runs it on the real thing. */
public abstract class SeriesStoreContract {

    protected static final String A = "http://localhost:8080/id/series/a";
    protected static final String B = "http://localhost:8080/id/series/b";

    protected SeriesStore store;

    /** A new, empty store. */
    protected abstract SeriesStore open();

    /** The same store as the last {@link #open()}, closed and opened again. */
    protected abstract SeriesStore reopen();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static SeriesData curve(int n, long stepEvery) {
        SeriesData.Builder b = new SeriesData.Builder(n);
        for (int i = 0; i < n; i++) {
            b.add(i * stepEvery, Math.sin(i / 50.0) + i * 1e-4, 1.6e9 + i);
        }
        return b.build();
    }

    private SeriesChange put(String iri, SeriesData data) {
        try (SeriesWrite w = store.begin()) {
            SeriesChange change = w.put(iri, data);
            w.commit();
            return change;
        }
    }

    private static final String PENDING = "http://localhost:8080/id/contribution/pending";
    private static final String OTHER = "http://localhost:8080/id/contribution/other";

    private static SeriesData forged(int n) {
        SeriesData.Builder b = new SeriesData.Builder(n);
        for (int i = 0; i < n; i++) {
            b.add(i, 999.0, 1.6e9 + i);
        }
        return b.build();
    }

    private void stage(String contribution, String iri, SeriesData data) {
        try (SeriesWrite w = store.stage(contribution, null)) {
            w.put(iri, data);
            w.commit();
        }
    }

    @Test
    void stagedSeriesStayApartFromTheAcceptedOnesUntilPublished() {
        SeriesData accepted = curve(2_000, 1);
        put(A, accepted);

        try (SeriesWrite w = store.stage(PENDING, null)) {
            assertThat(w.put(A, forged(100))).isEqualTo(SeriesChange.REPLACED);
            assertThat(w.put(B, curve(50, 2))).isEqualTo(SeriesChange.CREATED);
            w.commit();
        }

        // Readers of accepted series see what they saw before.
        assertThat(store.points(A)).contains(accepted);
        assertThat(store.size(A)).contains(2_000L);
        assertThat(store.downsample(A, 10, List.of()))
                .isPresent()
                .get()
                .satisfies(d -> assertThat(d.values()).doesNotContain(999.0));
        assertThat(store.points(B)).isEmpty();
        assertThat(store.seriesIris()).containsExactly(A);
        // The contribution's author and reviewers see its own.
        assertThat(store.points(A, PENDING)).contains(forged(100));
        assertThat(store.points(B, PENDING)).contains(curve(50, 2));
        assertThat(store.points(A, OTHER)).contains(accepted);
        assertThat(store.staged()).containsExactly(new SeriesStore.Staged(PENDING, null, false));

        assertThat(store.publish(PENDING)).isTrue();

        assertThat(store.points(A)).contains(forged(100));
        assertThat(store.points(B)).contains(curve(50, 2));
        assertThat(store.seriesIris()).containsExactly(A, B);
        assertThat(store.staged()).isEmpty();
        assertThat(store.publish(PENDING)).isFalse();
        assertThat(store.points(A)).contains(forged(100));
    }

    @Test
    void discardingAContributionLeavesTheAcceptedSeriesAsTheyWere() {
        SeriesData accepted = curve(3_000, 1);
        put(A, accepted);
        stage(PENDING, A, forged(100));
        stage(OTHER, A, curve(10, 7));

        assertThat(store.discard(PENDING)).isTrue();

        assertThat(store.points(A)).contains(accepted);
        assertThat(store.points(A, PENDING)).contains(accepted);
        assertThat(store.points(A, OTHER)).contains(curve(10, 7));
        assertThat(store.staged()).extracting(SeriesStore.Staged::contribution).containsExactly(OTHER);
        assertThat(store.discard(PENDING)).isFalse();

        // An accepted write after the staging does not disturb the other staged series.
        put(A, curve(3_500, 1));
        assertThat(store.points(A)).contains(curve(3_500, 1));
        assertThat(store.points(A, OTHER)).contains(curve(10, 7));
    }

    @Test
    void aStagedSeriesIdenticalToTheAcceptedOneIsNotStoredAgain() {
        put(A, curve(500, 1));
        try (SeriesWrite w = store.stage(PENDING, null)) {
            assertThat(w.put(A, curve(500, 1))).isEqualTo(SeriesChange.UNCHANGED);
            assertThat(w.put(B, curve(5, 1))).isEqualTo(SeriesChange.CREATED);
            assertThat(w.size(B)).contains(5L);
            w.commit();
        }
        store.publish(PENDING);
        assertThat(store.points(A)).contains(curve(500, 1));
        assertThat(store.points(B)).contains(curve(5, 1));
    }

    @Test
    void aStagingWriteClosedWithoutCommitLeavesNoJournalEntryAndNoPoints() {
        try (SeriesWrite w = store.stage(PENDING, "detect")) {
            w.put(A, curve(100, 1));
        }
        assertThat(store.staged()).isEmpty();
        assertThat(store.points(A, PENDING)).isEmpty();
    }

    @Test
    void theJournalKeepsAFollowUpPastPublicationUntilItIsDoneAndSurvivesAReopen() {
        try (SeriesWrite w = store.stage(PENDING, "detect")) {
            w.put(A, curve(100, 1));
            w.commit();
        }
        store.close();
        store = reopen();
        assertThat(store.staged()).containsExactly(new SeriesStore.Staged(PENDING, "detect", false));
        assertThat(store.points(A)).isEmpty();

        store.publish(PENDING);
        assertThat(store.staged()).containsExactly(new SeriesStore.Staged(PENDING, "detect", true));
        assertThat(store.points(A)).contains(curve(100, 1));

        store.done(PENDING);
        assertThat(store.staged()).isEmpty();
    }

    @Test
    void keepsEveryPointIncludingNanAndInfinity() {
        SeriesData data = new SeriesData.Builder()
                .add(0, 2.5, 1.0e9)
                .add(0, Double.NaN, Double.NaN)
                .add(10, Double.POSITIVE_INFINITY, 1.0e9 + 1)
                .add(5, Double.NEGATIVE_INFINITY, 1.0e9 + 2)
                .build();

        assertThat(put(A, data)).isEqualTo(SeriesChange.CREATED);

        assertThat(store.points(A)).contains(data);
        assertThat(store.size(A)).contains(4L);
        assertThat(store.points(B)).isEmpty();
    }

    @Test
    void aWriteClosedWithoutCommitLeavesNothing() {
        put(A, curve(10, 1));
        try (SeriesWrite w = store.begin()) {
            w.put(B, curve(100, 1));
            w.put(A, curve(20, 1));
        }
        assertThat(store.points(B)).isEmpty();
        assertThat(store.points(A)).contains(curve(10, 1));
    }

    @Test
    void storingTheSamePointsAgainChangesNothingAndALongerLogAddsOnlyTheNewPoints() {
        put(A, curve(1000, 1));

        assertThat(put(A, curve(1000, 1))).isEqualTo(SeriesChange.UNCHANGED);
        assertThat(put(A, curve(1500, 1))).isEqualTo(SeriesChange.APPENDED);
        assertThat(store.points(A)).contains(curve(1500, 1));
        assertThat(put(A, curve(700, 3))).isEqualTo(SeriesChange.REPLACED);
        assertThat(store.points(A)).contains(curve(700, 3));
    }

    @Test
    void aWriteSeesTheSizesItHasStoredAndOnlyItsOwnBeforeCommit() {
        put(A, curve(100, 1));
        try (SeriesWrite w = store.begin()) {
            assertThat(w.size(A)).contains(100L);
            assertThat(w.size(B)).isEmpty();
            w.put(B, curve(30, 1));
            w.put(A, curve(150, 1));
            assertThat(w.size(B)).contains(30L);
            assertThat(w.size(A)).contains(150L);
            assertThat(store.size(B)).isEmpty();
        }
        assertThat(store.size(A)).contains(100L);
        try (SeriesWrite w = store.begin()) {
            assertThat(w.size(B)).isEmpty();
        }
    }

    @Test
    void manySeriesInOneWriteKeepTheirOwnPointsAfterRepeatedReadsAndAReopen() {
        List<String> iris = new ArrayList<>();
        try (SeriesWrite w = store.begin()) {
            for (int i = 0; i < 50; i++) {
                String iri = A + "-" + i;
                iris.add(iri);
                assertThat(w.put(iri, curve(100 + i, i + 1))).isEqualTo(SeriesChange.CREATED);
            }
            w.commit();
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50; i += 7) {
                assertThat(store.points(iris.get(i))).contains(curve(100 + i, i + 1));
                assertThat(store.downsample(iris.get(i), 10, List.of())).isPresent();
            }
        }
        // Reads made before a write see what it committed.
        assertThat(put(iris.get(3), curve(103, 4))).isEqualTo(SeriesChange.UNCHANGED);
        assertThat(put(iris.get(3), curve(200, 4))).isEqualTo(SeriesChange.APPENDED);
        assertThat(store.points(iris.get(3))).contains(curve(200, 4));
        assertThat(put(B, curve(10, 1))).isEqualTo(SeriesChange.CREATED);
        store.close();
        store = reopen();
        for (int i = 0; i < 50; i++) {
            assertThat(store.size(iris.get(i))).contains(i == 3 ? 200L : 100L + i);
        }
        assertThat(store.points(B)).contains(curve(10, 1));
    }

    @Test
    void pointsSurviveAReopen() {
        put(A, curve(5000, 2));
        store.close();
        store = reopen();
        assertThat(store.points(A)).contains(curve(5000, 2));
        assertThat(store.downsample(A, 100, List.of())).isPresent();
    }

    @Test
    void downsamplingKeepsFirstLastExtremesAndEventsWithinTheBudget() {
        SeriesData.Builder b = new SeriesData.Builder();
        for (int i = 0; i < 100_000; i++) {
            double v = Math.sin(i / 300.0);
            if (i == 31_337) {
                v = 50; // a spike
            }
            if (i == 77_001) {
                v = -40; // a dip
            }
            b.add(i * 10L, v, 1.7e9 + i);
        }
        SeriesData data = b.build();
        put(A, data);

        SeriesData plot = store.downsample(A, 1000, List.of(555_555L)).orElseThrow();

        assertThat(plot.size()).isLessThanOrEqualTo(1000).isGreaterThan(250);
        List<Long> steps = steps(plot);
        assertThat(steps).contains(0L, 999_990L, 313_370L, 770_010L, 555_550L);
        assertThat(steps).isSorted();
        for (int i = 0; i < plot.size(); i++) {
            int index = (int) (plot.step(i) / 10);
            assertThat(plot.value(i)).isEqualTo(data.value(index));
            assertThat(plot.wallTime(i)).isEqualTo(data.wallTime(index));
        }
        assertThat(store.downsample(A, 1000, List.of(555_555L))).contains(plot);
    }

    @ParameterizedTest
    @ValueSource(ints = {20_000, 3_000})
    void everyBucketKeepsItsLowestAndHighestPoint(int points) {
        SeriesData data = curve(points, 1);
        put(A, data);

        SeriesData plot = store.downsample(A, 500, List.of()).orElseThrow();

        Set<Long> kept = new HashSet<>(steps(plot));
        int buckets = 0;
        for (int size = 8; ; size *= 2) {
            if (2 * ((data.size() + size - 1) / size) <= 500 - 4) {
                buckets = size;
                break;
            }
        }
        for (int from = 0; from < data.size(); from += buckets) {
            int lo = from;
            int hi = from;
            for (int i = from; i < Math.min(data.size(), from + buckets); i++) {
                lo = data.value(i) < data.value(lo) ? i : lo;
                hi = data.value(i) > data.value(hi) ? i : hi;
            }
            assertThat(kept).contains(data.step(lo), data.step(hi));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {20_000, 3_000})
    void anEventBetweenLoggedStepsKeepsTheNearestPoint(int size) {
        put(A, curve(size, 10));
        SeriesData plot = store.downsample(A, 100, List.of(23_454L, 7_771L, 10L * size + 99))
                .orElseThrow();
        assertThat(plot.size()).isLessThanOrEqualTo(100);
        assertThat(steps(plot)).contains(23_450L, 7_770L, 10L * (size - 1));
    }

    @Test
    void aLogGrownPastManyThousandPointsKeepsEveryPointInOrder() {
        put(A, curve(5_000, 1));
        assertThat(put(A, curve(13_001, 1))).isEqualTo(SeriesChange.APPENDED);
        assertThat(store.points(A)).contains(curve(13_001, 1));
        assertThat(store.size(A)).contains(13_001L);
        SeriesData plot = store.downsample(A, 200, List.of(12_999L)).orElseThrow();
        assertThat(plot.step(0)).isZero();
        assertThat(plot.step(plot.size() - 1)).isEqualTo(13_000L);
        store.close();
        store = reopen();
        assertThat(store.points(A)).contains(curve(13_001, 1));
    }

    @Test
    void aShortSeriesIsPlottedWhole() {
        put(A, curve(300, 1));
        assertThat(store.downsample(A, 1000, List.of())).contains(curve(300, 1));
        assertThatThrownBy(() -> store.downsample(A, 3, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.downsample(B, 100, List.of())).isEmpty();
    }

    @Test
    void aSeriesOfNanStillPlots() {
        SeriesData.Builder b = new SeriesData.Builder();
        for (int i = 0; i < 5000; i++) {
            b.add(i, i % 2 == 0 ? Double.NaN : i, Double.NaN);
        }
        put(A, b.build());
        SeriesData plot = store.downsample(A, 100, List.of()).orElseThrow();
        assertThat(plot.size()).isBetween(4, 100);
        assertThat(steps(plot)).contains(0L, 4999L, 1L);
    }

    private static List<Long> steps(SeriesData data) {
        List<Long> steps = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            steps.add(data.step(i));
        }
        return steps;
    }
}
