package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guided builder's endpoint over HTTP: form fields in, KQL text or a field-named error out. */
class GuidedModeIT extends AbstractPortalIT {
    @Test
    void oneConditionWithCommas_keepsItsWholeValue() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> r = admin.post("/hunting/guided", WebSession.form("table", "DeviceProcessEvents", "match", "all",
                "limit", "10", "col", "FileName", "op", "in~", "val", "a.exe, b,c.exe"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("FileName in~ (\\\"a.exe\\\", \\\"b\\\", \\\"c.exe\\\")");

        r = admin.post("/hunting/guided", WebSession.form("table", "DeviceProcessEvents", "col", "ProcessCommandLine", "op", "contains",
                "val", "x,y"));
        assertThat(r.body()).contains("ProcessCommandLine contains \\\"x,y\\\"");

        r = admin.post("/hunting/guided", WebSession.form("table", "DeviceProcessEvents", "col", List.of("FileName", "FileSize"),
                "op", List.of("==", ">"), "val", List.of("cmd.exe", "lots")));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"field\":\"condition 2\"").contains("FileSize is a number; 'lots' is not.");
    }
}
