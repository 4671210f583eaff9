package dev.rampart.portal.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionHuntTest {
    @Test
    void deviceAction_huntsTheDeviceById() {
        assertThat(query(action(ActionType.ISOLATE_DEVICE, "dev-1", "host-a", "dev-1")))
                .contains("DeviceId == \"dev-1\"").startsWith("union DeviceProcessEvents");
    }

    @Test
    void userAction_huntsTheAccount_notAnEmptyDeviceId() {
        String q = query(action(ActionType.DISABLE_USER, "S-1-5-21-1", "alice@contoso.example", null));
        assertThat(q).contains("AccountUpn =~ \"alice@contoso.example\"").doesNotContain("DeviceId ==");
    }

    @Test
    void emailAction_huntsTheMessage() {
        assertThat(query(action(ActionType.MOVE_EMAIL_TO_JUNK, "msg-42", "Invoice", null)))
                .contains("NetworkMessageId == \"msg-42\"").contains("EmailEvents");
    }

    @Test
    void fileAction_huntsTheHash() {
        assertThat(query(action(ActionType.STOP_AND_QUARANTINE_FILE, "abc123", "evil.exe", "dev-1"))).contains("SHA1 == \"abc123\"");
    }

    @Test
    void actionWithoutTarget_hasNoLink() {
        assertThat(ActionHunt.link(action(ActionType.MOVE_EMAIL_TO_JUNK, " ", null, null))).isNull();
    }

    private static String query(ResponseAction a) {
        String link = ActionHunt.link(a);
        assertThat(link).startsWith("/hunting?q=");
        return URLDecoder.decode(link.substring("/hunting?q=".length()), StandardCharsets.UTF_8);
    }

    private static ResponseAction action(ActionType type, String targetId, String targetName, String deviceId) {
        return new ResponseAction(1, type, type.target(), targetId, targetName, deviceId, Map.of(), ActionStatus.COMPLETED,
                ResponseAction.MANUAL, "admin", "c", null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }
}
