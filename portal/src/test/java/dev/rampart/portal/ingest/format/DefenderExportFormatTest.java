package dev.rampart.portal.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.HuntingSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DefenderExportFormatTest {
    private final JsonMapper json = JsonMapper.builder().build();
    private final EventMapper mapper = new DefenderExportFormat(HuntingSchema.get()).newMapper();

    @Test
    void streamingRecord_goesToCategoryTableUnchanged() {
        Mapping m = mapper.map(json.readTree("""
                {"time":"2024-03-01T10:00:00Z","tenantId":"t","operationName":"Publish","category":"AdvancedHunting-DeviceProcessEvents",
                 "properties":{"Timestamp":"2024-03-01T09:59:59Z","DeviceName":"ws-9","FileName":"whoami.exe","ProcessId":42}}"""));
        Mapping.Row row = ((Mapping.Rows) m).rows().get(0);
        assertThat(row.table()).isEqualTo("DeviceProcessEvents");
        assertThat(row.values()).containsOnlyKeys("Timestamp", "DeviceName", "FileName", "ProcessId");
    }

    @Test
    void logAnalyticsRow_usesTypeAndTimeGenerated() {
        Mapping m = mapper.map(json.readTree("{\"Type\":\"DeviceFileEvents\",\"TenantId\":\"x\",\"TimeGenerated\":\"2024-03-01T10:00:00Z\",\"FileName\":\"a.txt\"}"));
        Mapping.Row row = ((Mapping.Rows) m).rows().get(0);
        assertThat(row.table()).isEqualTo("DeviceFileEvents");
        assertThat(row.values()).containsOnlyKeys("Timestamp", "FileName");
    }

    @Test
    void unknownCategory_isInvalidNamingTheField() {
        Mapping m = mapper.map(json.readTree("{\"category\":\"AdvancedHunting-NoSuchTable\",\"properties\":{}}"));
        assertThat(m).isEqualTo(new Mapping.Invalid("category", "\"AdvancedHunting-NoSuchTable\" names no hunting table"));
    }
}
