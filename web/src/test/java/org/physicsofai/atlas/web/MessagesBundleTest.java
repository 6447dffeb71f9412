package org.physicsofai.atlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesBundleTest {

    @Test
    void englishAndChineseBundlesHaveTheSameKeys() throws IOException {
        Properties english = load("messages.properties");
        Properties chinese = load("messages_zh.properties");

        assertThat(english).isNotEmpty();
        assertThat(chinese.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
        assertThat(chinese.values()).noneMatch(v -> v.toString().isBlank());
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesBundleTest.class.getClassLoader().getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
