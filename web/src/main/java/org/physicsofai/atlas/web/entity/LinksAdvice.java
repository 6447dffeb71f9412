package org.physicsofai.atlas.web.entity;

import java.util.Locale;
import org.physicsofai.atlas.trace.NodeLabels;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the {@link EntityLinks} as the model attribute {@code links}, and {@link NodeNames}
 * as {@code names}.
 */
@ControllerAdvice
class LinksAdvice {

    private final EntityLinks links;
    private final NodeLabels labels;

    LinksAdvice(EntityLinks links, NodeLabels labels) {
        this.links = links;
        this.labels = labels;
    }

    @ModelAttribute("names")
    NodeNames names(Locale locale) {
        return new NodeNames(labels, locale);
    }

    @ModelAttribute("links")
    EntityLinks links() {
        return links;
    }
}
