package org.physicsofai.atlas.search;

import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/** Counts the matching documents per value of a doc-values field, in the same pass as the search. */
final class ValueCounts {

    private ValueCounts() {}

    /**
     * How many documents match, and how many of each type (an entity may have several), most first.
     *
     * @param counts type local name to count, most first, then by name
     */
    record TypeCounts(long total, Map<String, Long> counts) {}

    /** Counts matches per type (a sorted-set field) without scoring them. */
    static CollectorManager<Collector, TypeCounts> ofTypes() {
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() {
                return new TypeCollector();
            }

            @Override
            public TypeCounts reduce(Collection<Collector> collectors) {
                Map<String, Long> total = new HashMap<>();
                collectors.forEach(c -> ((TypeCollector) c).counts.forEach((k, v) -> total.merge(k, v, Long::sum)));
                long matches = collectors.stream()
                        .mapToLong(c -> ((TypeCollector) c).matches)
                        .sum();
                return new TypeCounts(
                        matches,
                        sorted(
                                total,
                                Comparator.<Map.Entry<String, Long>, Long>comparing(Map.Entry::getValue)
                                        .reversed()
                                        .thenComparing(Map.Entry::getKey)));
            }
        };
    }

    /** Counts per year (a numeric field), newest first. */
    static CollectorManager<Collector, Map<Integer, Long>> ofYears() {
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() {
                return new YearCollector();
            }

            @Override
            public Map<Integer, Long> reduce(Collection<Collector> collectors) {
                Map<Integer, Long> total = new HashMap<>();
                collectors.forEach(c -> ((YearCollector) c).counts.forEach((k, v) -> total.merge(k, v, Long::sum)));
                return sorted(total, Map.Entry.<Integer, Long>comparingByKey().reversed());
            }
        };
    }

    private static <K> Map<K, Long> sorted(Map<K, Long> counts, Comparator<Map.Entry<K, Long>> order) {
        Map<K, Long> result = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(order).forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private static final class TypeCollector implements Collector {
        final Map<String, Long> counts = new HashMap<>();
        long matches;

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedSetDocValues values = DocValues.getSortedSet(context.reader(), SearchFields.TYPE);
            long[] perOrd = new long[(int) values.getValueCount()];
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    matches++;
                    if (values.advanceExact(doc)) {
                        for (int i = 0; i < values.docValueCount(); i++) {
                            perOrd[(int) values.nextOrd()]++;
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int ord = 0; ord < perOrd.length; ord++) {
                        if (perOrd[ord] > 0) {
                            counts.merge(values.lookupOrd(ord).utf8ToString(), perOrd[ord], Long::sum);
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    private static final class YearCollector implements Collector {
        final Map<Integer, Long> counts = new HashMap<>();

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            NumericDocValues values = DocValues.getNumeric(context.reader(), SearchFields.YEAR);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    if (values.advanceExact(doc)) {
                        counts.merge((int) values.longValue(), 1L, Long::sum);
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
