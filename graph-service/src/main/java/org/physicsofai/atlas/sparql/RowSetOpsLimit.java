package org.physicsofai.atlas.sparql;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;

/** The first rows of a row set. */
final class RowSetOpsLimit {

    private RowSetOpsLimit() {}

    static RowSet first(RowSet rows, int count) {
        List<Binding> kept = new ArrayList<>(count);
        while (rows.hasNext() && kept.size() < count) {
            kept.add(rows.next());
        }
        return RowSetStream.create(rows.getResultVars(), kept.iterator());
    }
}
