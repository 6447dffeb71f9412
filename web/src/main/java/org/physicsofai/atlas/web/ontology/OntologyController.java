package org.physicsofai.atlas.web.ontology;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.apache.jena.riot.RDFDataMgr;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.web.system.Negotiation;
import org.physicsofai.atlas.web.system.NotAcceptableException;
import org.physicsofai.atlas.web.system.RdfMediaTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Serves the ontology: documentation for browsers at {@code /ontology}, the Turtle file itself (or
 * another RDF format) by {@code Accept}, and the SHACL shapes at {@code /ontology/shapes}.
 */
@Controller
class OntologyController {

    private static final List<MediaType> OFFERED = List.of(
            MediaType.TEXT_HTML,
            RdfMediaTypes.TURTLE,
            RdfMediaTypes.N_TRIPLES,
            RdfMediaTypes.JSON_LD,
            RdfMediaTypes.RDF_XML);

    private final OntologyDocumentation documentation = OntologyDocumentation.fromShippedOntology();

    @GetMapping("/ontology")
    String ontology(
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestParam(required = false) String format,
            HttpServletResponse response,
            Model model)
            throws IOException {
        java.util.Map<String, MediaType> formats = new java.util.HashMap<>(RdfMediaTypes.GRAPH_FORMATS);
        formats.put("html", MediaType.TEXT_HTML);
        MediaType type = Negotiation.choose(accept, format, OFFERED, formats)
                .orElseThrow(() -> new NotAcceptableException(OFFERED));
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (type.equals(MediaType.TEXT_HTML)) {
            model.addAttribute("doc", documentation);
            return "ontology";
        }
        response.setContentType(RdfMediaTypes.withCharset(type).toString());
        if (type.equals(RdfMediaTypes.TURTLE)) {
            response.getOutputStream().write(AtlasOntology.resourceBytes(AtlasOntology.ONTOLOGY_RESOURCE));
        } else {
            RDFDataMgr.write(response.getOutputStream(), AtlasOntology.ontologyGraph(), RdfMediaTypes.rdfFormat(type));
        }
        return null;
    }

    @GetMapping("/ontology/shapes")
    void shapes(HttpServletResponse response) throws IOException {
        response.setContentType(RdfMediaTypes.withCharset(RdfMediaTypes.TURTLE).toString());
        response.getOutputStream().write(AtlasOntology.resourceBytes(AtlasOntology.SHAPES_RESOURCE));
    }
}
