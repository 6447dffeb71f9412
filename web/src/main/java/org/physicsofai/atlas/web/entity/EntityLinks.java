package org.physicsofai.atlas.web.entity;

import java.util.Optional;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.web.system.IriBases;
import org.springframework.stereotype.Component;

/**
 * Where a node's page is: Atlas instance IRIs resolve in this application, ontology terms on the
 * ontology page, other IRIs where they point. Templates reach it as {@code links}.
 */
@Component
public class EntityLinks {

    private final IriBases bases;

    EntityLinks(IriBases bases) {
        this.bases = bases;
    }

    public String href(String iri) {
        if (iri == null) {
            return null;
        }
        Optional<String> local = bases.localPath(iri);
        if (local.isPresent()) {
            return "/id/" + local.get();
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
