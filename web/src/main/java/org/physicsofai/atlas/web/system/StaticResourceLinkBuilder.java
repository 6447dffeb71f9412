package org.physicsofai.atlas.web.system;

import java.util.List;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;

/**
 * Builds links as Thymeleaf's standard builder does, but hands only links to static resources to the
 * response's {@code encodeURL}, where Spring's resource chain turns {@code /webjars/uplot/dist/...} into
 * one with the WebJar's version in it. Every other link (entities, pages, the API) is
 * left as written: the resource chain would look each of them up on the class path, miss, and not
 * remember the miss, which made that lookup (a synchronised class-loader search per link) the largest
 * single cost of rendering an entity page with many links.
 */
final class StaticResourceLinkBuilder extends StandardLinkBuilder {

    /** The paths served by the static resource handler (see {@code src/main/resources/static}). */
    static final List<String> STATIC_PREFIXES = List.of("/webjars/", "/css/", "/js/");

    @Override
    protected String processLink(IExpressionContext context, String link) {
        String path = link;
        if (context instanceof IWebContext web) {
            String contextPath = web.getExchange().getRequest().getApplicationPath();
            if (!contextPath.isEmpty() && path.startsWith(contextPath)) {
                path = path.substring(contextPath.length());
            }
        }
        for (String prefix : STATIC_PREFIXES) {
            if (path.startsWith(prefix)) {
                return super.processLink(context, link);
            }
        }
        return link;
    }
}
