package org.physicsofai.atlas.web.imports;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Multipart requests as configured ({@code spring.servlet.multipart.*}), their parts written to the import folder.
 * Only in the web server: the command line has no multipart requests.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UploadConfiguration {

    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, ImportTemporaryFolder folder) {
        MultipartConfigElement configured = multipart.createMultipartConfig();
        return new MultipartConfigElement(
                folder.multipart().toString(),
                configured.getMaxFileSize(),
                configured.getMaxRequestSize(),
                configured.getFileSizeThreshold());
    }
}
