package org.physicsofai.atlas.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.atlas.lib.tuple.TupleMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Writes a contribution's statements into TDB2 inside the caller's write transaction, the way TDB2's
 * bulk loaders do: every node is looked up once for both copies (the contribution's graph and, if it
 * is accepted, the default graph), and each index receives its entries sorted in its own key order,
 * so that consecutive inserts land in the same B+tree leaves. Adding the same statements through
 * {@code DatasetGraph.add} stores the same quads, about 1.5 times slower for large contributions.
 */
final class TupleWriter {

    private TupleWriter() {}

    static void add(DatasetGraph dataset, Node graph, Graph triples, boolean alsoDefaultGraph) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dataset);
        NodeTable nodes = tdb.getQuadTable().getNodeTupleTable().getNodeTable();
        Map<Node, Id> ids = new HashMap<>();
        Id g = id(nodes, ids, graph);
        List<Triple> statements = triples.find().toList();
        Id[][] rows = new Id[statements.size()][];
        for (int i = 0; i < rows.length; i++) {
            Triple t = statements.get(i);
            rows[i] = new Id[] {
                g, id(nodes, ids, t.getSubject()), id(nodes, ids, t.getPredicate()), id(nodes, ids, t.getObject())
            };
        }
        for (TupleIndex index :
                tdb.getQuadTable().getNodeTupleTable().getTupleTable().getIndexes()) {
            write(index, rows, 0);
        }
        if (alsoDefaultGraph) {
            for (TupleIndex index :
                    tdb.getTripleTable().getNodeTupleTable().getTupleTable().getIndexes()) {
                write(index, rows, 1);
            }
        }
    }

    /** A node's id, and its encoding as index records hold it (whose bytes compare as unsigned longs). */
    private record Id(NodeId id, long key) {}

    private static Id id(NodeTable nodes, Map<Node, Id> ids, Node node) {
        return ids.computeIfAbsent(node, n -> {
            NodeId id = nodes.getAllocateNodeId(n);
            byte[] bytes = new byte[NodeId.SIZE];
            NodeIdFactory.set(id, bytes, 0);
            long key = 0;
            for (byte b : bytes) {
                key = (key << 8) | (b & 0xff);
            }
            return new Id(id, key);
        });
    }

    /** Adds the rows' columns from {@code first} on to one index, in the order of that index's keys. */
    private static void write(TupleIndex index, Id[][] rows, int first) {
        if (rows.length == 0) {
            return;
        }
        int width = rows[0].length - first;
        Integer[] positions = new Integer[width];
        Arrays.setAll(positions, i -> i);
        TupleMap map = index.getMapping();
        int[] keyOrder = new int[width];
        for (int i = 0; i < width; i++) {
            keyOrder[i] = first + map.mapSlot(i, positions);
        }
        Id[][] sorted = rows.clone();
        Arrays.sort(sorted, (a, b) -> {
            for (int column : keyOrder) {
                int c = Long.compareUnsigned(a[column].key(), b[column].key());
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        NodeId[] tuple = new NodeId[width];
        for (Id[] row : sorted) {
            for (int i = 0; i < width; i++) {
                tuple[i] = row[first + i].id();
            }
            Tuple<NodeId> t = TupleFactory.create(tuple.clone());
            index.add(t);
        }
    }
}
