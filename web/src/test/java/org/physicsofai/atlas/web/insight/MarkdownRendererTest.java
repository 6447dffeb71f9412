package org.physicsofai.atlas.web.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void keepsOnlyHttpHttpsAndMailtoLinks() {
        String html = markdown.render("[a](https://example.org/a) [b](http://example.org/b) [c](mailto:c@example.org)"
                + " [d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [e](javascript:alert(1))"
                + " [f](vbscript:msgbox) [g](file:///etc/passwd) ![h](data:image/svg+xml;base64,PHN2Zz4=)");

        assertThat(html)
                .contains(
                        "href=\"https://example.org/a\"",
                        "href=\"http://example.org/b\"",
                        "href=\"mailto:c@example.org\"")
                .doesNotContain("data:", "javascript:", "vbscript:", "file:");
    }

    @Test
    void rawHtmlIsEscaped() {
        assertThat(markdown.render("<img src=x onerror=alert(1)>"))
                .doesNotContain("<img")
                .contains("&lt;img");
    }
}
