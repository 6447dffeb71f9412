package org.physicsofai.atlas.web.entity;

import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.stereotype.Component;

/**
 * Where a node's page is: Atlas instance IRIs resolve in this application, ontology terms on the
 * ontology page, other IRIs where they point. Templates reach it as {@code links}.
 */
@Component
public class EntityLinks {

    private final AtlasProperties properties;

    EntityLinks(AtlasProperties properties) {
        this.properties = properties;
    }

    public String href(String iri) {
        if (iri == null) {
            return null;
        }
        if (iri.startsWith(AtlasOntology.ID_BASE)) {
            return "/id/" + iri.substring(AtlasOntology.ID_BASE.length());
        }
        if (iri.startsWith(properties.baseIri())) {
            return "/id/" + iri.substring(properties.baseIri().length());
        }
        if (iri.startsWith(Atlas.NS)) {
            return "/ontology#" + iri.substring(Atlas.NS.length());
        }
        return iri.startsWith("http://") || iri.startsWith("https://") ? iri : null;
    }

    public boolean internal(String iri) {
        String href = href(iri);
        return href != null && href.startsWith("/");
    }
}
