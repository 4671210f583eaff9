package dev.rampart.portal.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SigmaApiIT extends AbstractPortalIT {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    SigmaRules rules;

    @Test
    void upload_compilesRule_andListsItForTheDetectionEngine() throws Exception {
        String yaml = """
                title: Sigma API IT rule
                id: 5b0d7c1e-7a39-4c47-9a3a-000000000001
                author: Rampart tests
                level: medium
                tags: [attack.t1059.001]
                logsource: {category: process_creation, product: windows}
                detection:
                  sel: {Image|endswith: '\\\\powershell.exe', CommandLine|contains: ' -nop '}
                  condition: sel
                """;
        HttpResponse<String> r = post("/api/v1/sigma/rules", "application/yaml", yaml, "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode s = json.readTree(r.body());
        assertThat(s.get("compiled").asBoolean()).isTrue();
        assertThat(s.get("kql").asString()).startsWith("DeviceProcessEvents\n| where FolderPath endswith");
        assertThat(s.get("detectionStatus").asString()).as("medium rules start off").isEqualTo("off");
        assertThat(s.get("detectionRuleId").asLong()).isPositive();
        assertThat(rules.compiled()).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo("5b0d7c1e-7a39-4c47-9a3a-000000000001");
            assertThat(c.techniques()).containsExactly("T1059.001");
            assertThat(c.author()).isEqualTo("Rampart tests");
        });
    }

    @Test
    void upload_notYaml_is400() throws Exception {
        HttpResponse<String> r = post("/api/v1/sigma/rules", "application/yaml", "title: [unclosed", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("title").asString()).isEqualTo("Invalid Sigma rule");
    }
}
