package org.physicsofai.atlas.web.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;

/** The status panel in the shared application, which has no mirror configured (the default). */
class MirrorPanelWebTest extends AtlasWebTest {

    @Test
    void curatorsSeeThatNoMirrorIsConfigured() {
        WebClient curator = signedIn("mirror-curator", Role.CURATOR);

        HttpResponse<String> page = curator.get("/review/mirror");
        HttpResponse<String> zh = curator.get("/review/mirror?lang=zh");
        HttpResponse<String> json = curator.send(HttpRequest.newBuilder(URI.create(curator.base() + "/review/mirror"))
                .header("Accept", "application/json")
                .GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("No Neo4j mirror is configured");
        assertThat(zh.body()).contains("未配置 Neo4j 镜像");
        assertThat(json.statusCode()).isEqualTo(404);
    }

    @Test
    void onlyCuratorsAndAdministratorsMaySeeIt() {
        HttpResponse<String> anonymous = new WebClient(port).get("/review/mirror");
        HttpResponse<String> contributor =
                signedIn("mirror-contributor", Role.CONTRIBUTOR).get("/review/mirror");
        HttpResponse<String> admin = signedIn(ADMIN, Role.ADMIN).get("/review/mirror");

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(anonymous)).endsWith("/login");
        assertThat(contributor.statusCode()).isEqualTo(403);
        assertThat(admin.statusCode()).isEqualTo(200);
    }
}
