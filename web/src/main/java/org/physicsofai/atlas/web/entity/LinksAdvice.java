package org.physicsofai.atlas.web.entity;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the {@link EntityLinks} as the model attribute {@code links}. */
@ControllerAdvice
class LinksAdvice {

    private final EntityLinks links;

    LinksAdvice(EntityLinks links) {
        this.links = links;
    }

    @ModelAttribute("links")
    EntityLinks links() {
        return links;
    }
}
