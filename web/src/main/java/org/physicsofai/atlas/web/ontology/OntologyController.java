package org.physicsofai.atlas.web.ontology;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.web.system.Formats;
import org.physicsofai.atlas.web.system.Negotiation;
import org.physicsofai.atlas.web.system.RdfMediaTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Serves the ontology: documentation for browsers at {@code /ontology}, the Turtle file itself (or
 * another RDF format) by {@code Accept}, and the SHACL shapes at {@code /ontology/shapes}.
 */
@Controller
class OntologyController {

    private static final Formats.Vocabulary OFFERED = Formats.GRAPHS.withHtml(true);

    private final OntologyDocumentation documentation = OntologyDocumentation.fromShippedOntology();

    @GetMapping("/ontology")
    String ontology(
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        MediaType type = Negotiation.negotiate(Formats.requested(request), accept, OFFERED);
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (type.equals(MediaType.TEXT_HTML)) {
            model.addAttribute("doc", documentation);
            return "ontology";
        }
        response.setContentType(RdfMediaTypes.withCharset(type).toString());
        if (type.equals(RdfMediaTypes.TURTLE)) {
            response.getOutputStream().write(AtlasOntology.resourceBytes(AtlasOntology.ONTOLOGY_RESOURCE));
        } else {
            RdfMediaTypes.write(response.getOutputStream(), AtlasOntology.ontologyGraph(), type);
        }
        return null;
    }

    @GetMapping("/ontology/shapes")
    void shapes(HttpServletResponse response) throws IOException {
        response.setContentType(RdfMediaTypes.withCharset(RdfMediaTypes.TURTLE).toString());
        response.getOutputStream().write(AtlasOntology.resourceBytes(AtlasOntology.SHAPES_RESOURCE));
    }
}
