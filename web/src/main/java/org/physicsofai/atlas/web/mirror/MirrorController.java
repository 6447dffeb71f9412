package org.physicsofai.atlas.web.mirror;

import java.util.Optional;
import org.physicsofai.atlas.mirror.Mirror;
import org.physicsofai.atlas.mirror.MirrorStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The mirror's status panel for curators and administrators: its lag and last error, as a page or JSON.
 * Without a configured mirror the page says so and the JSON answer is 404.
 */
@Controller
class MirrorController {

    private final ObjectProvider<Mirror> mirror;

    MirrorController(ObjectProvider<Mirror> mirror) {
        this.mirror = mirror;
    }

    private Optional<MirrorStatus> status() {
        return Optional.ofNullable(mirror.getIfAvailable()).map(Mirror::status);
    }

    @GetMapping(value = "/review/mirror", produces = MediaType.TEXT_HTML_VALUE)
    String page(Model model) {
        model.addAttribute("status", status().orElse(null));
        return "mirror";
    }

    @GetMapping(value = "/review/mirror", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<MirrorStatus> json() {
        return status().map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }
}
