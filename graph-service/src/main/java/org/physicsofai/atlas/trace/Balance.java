package org.physicsofai.atlas.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The balance of the evidence about a node. A branch of the tree counts on the side of its top link;
 * the evidence deeper in the branch counts with it as long as every link between is a supporting one
 * (evidence for evidence for X is evidence for X; what disputes evidence for X is shown in the tree
 * but is not counted as evidence against X).
 */
public record Balance(Side supporting, Side qualifying, Side disputing) {

    /**
     * One side of the balance; every list is of distinct IRIs, sorted.
     *
     * @param evidence the evidence nodes counted on this side
     * @param sources the independent sources they cite
     * @param observations the observations among them
     * @param detectorResults the detector results among them
     * @param lawChecks the law checks among them
     */
    public record Side(
            List<String> evidence,
            List<String> sources,
            List<String> observations,
            List<String> detectorResults,
            List<String> lawChecks) {

        public Side {
            evidence = List.copyOf(evidence);
            sources = List.copyOf(sources);
            observations = List.copyOf(observations);
            detectorResults = List.copyOf(detectorResults);
            lawChecks = List.copyOf(lawChecks);
        }
    }

    /** Weighs the evidence tree below a node. */
    public static Balance of(List<EvidenceItem> evidence) {
        Map<Stance.Polarity, Tally> sides = Map.of(
                Stance.Polarity.SUPPORTING, new Tally(),
                Stance.Polarity.QUALIFYING, new Tally(),
                Stance.Polarity.DISPUTING, new Tally());
        for (EvidenceItem item : evidence) {
            sides.get(item.stance().polarity()).count(item);
        }
        return new Balance(
                sides.get(Stance.Polarity.SUPPORTING).side(),
                sides.get(Stance.Polarity.QUALIFYING).side(),
                sides.get(Stance.Polarity.DISPUTING).side());
    }

    /** Collects one side: an item, and below it whatever supports it, recursively. */
    private static final class Tally {
        private final TreeSet<String> evidence = new TreeSet<>();
        private final TreeSet<String> sources = new TreeSet<>();
        private final TreeSet<String> observations = new TreeSet<>();
        private final TreeSet<String> detectorResults = new TreeSet<>();
        private final TreeSet<String> lawChecks = new TreeSet<>();

        void count(EvidenceItem item) {
            evidence.add(item.node());
            sources.addAll(item.sources());
            if (item.observation()) {
                observations.add(item.node());
            }
            if (item.detectorResult()) {
                detectorResults.add(item.node());
            }
            if (item.lawCheck()) {
                lawChecks.add(item.node());
            }
            for (EvidenceItem below : item.evidence()) {
                if (below.stance().polarity() == Stance.Polarity.SUPPORTING) {
                    count(below);
                }
            }
        }

        Side side() {
            return new Side(
                    new ArrayList<>(evidence),
                    new ArrayList<>(sources),
                    new ArrayList<>(observations),
                    new ArrayList<>(detectorResults),
                    new ArrayList<>(lawChecks));
        }
    }
}
