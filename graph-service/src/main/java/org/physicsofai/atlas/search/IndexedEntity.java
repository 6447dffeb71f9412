package org.physicsofai.atlas.search;

import java.util.List;

/**
 * What the index holds about one entity, read from accepted knowledge.
 *
 * @param types local names of the entity's Atlas classes, the most specific kind first
 * @param identifiers arXiv ids, DOIs, configuration keys, units, symbols and the IRI's last segment
 * @param links IRIs of the nodes it points to
 * @param year publication year, or {@code null}
 * @param degree how many statements link it to other nodes, in either direction
 * @param nameEn its name for English readers by the {@link org.physicsofai.atlas.entity.LabelRule}, or
 *     {@code null} when it has no label, title or statement
 * @param nameZh the same for Chinese readers
 */
record IndexedEntity(
        String iri,
        List<String> types,
        List<String> labelsEn,
        List<String> labelsZh,
        List<String> altEn,
        List<String> altZh,
        List<String> textEn,
        List<String> textZh,
        List<String> identifiers,
        List<String> links,
        Integer year,
        int degree,
        String nameEn,
        String nameZh) {

    IndexedEntity {
        types = List.copyOf(types);
        labelsEn = List.copyOf(labelsEn);
        labelsZh = List.copyOf(labelsZh);
        altEn = List.copyOf(altEn);
        altZh = List.copyOf(altZh);
        textEn = List.copyOf(textEn);
        textZh = List.copyOf(textZh);
        identifiers = List.copyOf(identifiers);
        links = List.copyOf(links);
    }
}
