package org.physicsofai.atlas.web.insight;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.entity.EntityLinks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The feed of recent insights, as a page and as Atom. */
@Controller
class InsightController {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final int FEED_SIZE = 50;

    private final InsightService insights;
    private final EntityLinks links;
    private final AtlasProperties properties;

    InsightController(InsightService insights, EntityLinks links, AtlasProperties properties) {
        this.insights = insights;
        this.links = links;
        this.properties = properties;
    }

    @GetMapping("/insights")
    String feed(Model model) {
        model.addAttribute("insights", insights.recent(FEED_SIZE));
        return "insights";
    }

    @GetMapping("/insights.atom")
    void atom(HttpServletResponse response) throws IOException, XMLStreamException {
        List<Insight> recent = insights.recent(FEED_SIZE);
        String site = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        response.setContentType("application/atom+xml;charset=UTF-8");
        OutputStream out = response.getOutputStream();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace(ATOM);
        element(xml, "id", properties.baseIri() + "insights");
        element(xml, "title", "Physics-of-AI Atlas: insights");
        element(
                xml,
                "updated",
                recent.stream()
                        .map(Insight::created)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(Instant.EPOCH)
                        .toString());
        link(xml, "self", site + "/insights.atom");
        link(xml, "alternate", site + "/insights");
        for (Insight insight : recent) {
            xml.writeStartElement("entry");
            element(xml, "id", insight.iri());
            element(xml, "title", title(insight.text()));
            element(xml, "updated", (insight.created() == null ? Instant.EPOCH : insight.created()).toString());
            xml.writeStartElement("author");
            element(xml, "name", insight.author() == null ? "unknown" : insight.author());
            xml.writeEndElement();
            link(xml, "alternate", site + links.href(insight.iri()));
            xml.writeStartElement("content");
            xml.writeAttribute("type", "html");
            xml.writeCharacters(insight.html());
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.flush();
    }

    private static String title(String text) {
        String first = text.strip().lines().findFirst().orElse("").replaceAll("^#+\\s*", "");
        return first.length() > 80 ? first.substring(0, 79) + "…" : first;
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }
}
