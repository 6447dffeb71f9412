package org.physicsofai.atlas.web.entity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /bibtex?iri=...}: a source's citation as BibTeX, or a phenomenon's reading list (its sources
 * and those of the claims about it).
 */
@RestController
class BibTeXController {

    static final MediaType BIBTEX = new MediaType("application", "x-bibtex", StandardCharsets.UTF_8);

    private final PhenomenonSections sections;

    BibTeXController(PhenomenonSections sections) {
        this.sections = sections;
    }

    @GetMapping("/bibtex")
    ResponseEntity<String> bibtex(@RequestParam String iri) {
        String node = iri.startsWith("/id/") ? AtlasOntology.ID_BASE + iri.substring("/id/".length()) : iri;
        if (!node.startsWith("http://") && !node.startsWith("https://")) {
            throw new IllegalArgumentException(
                    "iri: give a source's or a phenomenon's IRI or /id/... path, not '" + iri + "'.");
        }
        List<PhenomenonSections.Citation> citations = sections.citations(node);
        if (citations.isEmpty()) {
            throw new NotFoundException("The Atlas holds no source and no reading list at " + node + ".");
        }
        String name = node.substring(node.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_.-]", "") + ".bib";
        return ResponseEntity.ok()
                .contentType(BIBTEX)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(name).build().toString())
                .body(BibTeX.entries(citations));
    }
}
