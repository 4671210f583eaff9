package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.access.DeviceGroup.Device;
import dev.rampart.portal.access.DeviceGroup.Property;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceGroupTest {
    private static DeviceGroup group(Map<Property, List<String>> rules) {
        return new DeviceGroup(1, "g", "", AutomationLevel.FULL, 1, false, rules);
    }

    private static final Device EU_WIN = new Device("d1", "ws-001.eu.contoso.com", "Windows11", Set.of("Finance"));

    @Test
    void valuesOfOneProperty_areOred_andPropertiesAnded() {
        assertThat(group(Map.of(Property.DOMAIN, List.of("us.contoso.com", "eu.contoso.com"))).matches(EU_WIN)).isTrue();
        assertThat(group(Map.of(Property.DOMAIN, List.of("eu.contoso.com"), Property.OS_PLATFORM, List.of("macOS"))).matches(EU_WIN)).isFalse();
        assertThat(group(Map.of(Property.NAME, List.of("WS-*"), Property.TAG, List.of("finance"))).matches(EU_WIN)).isTrue();
    }

    @Test
    void wildcard_matchesWholeValueIgnoringCase() {
        assertThat(DeviceGroup.wildcard("ws-*.eu.*", "WS-001.EU.contoso.com")).isTrue();
        assertThat(DeviceGroup.wildcard("ws-", "ws-001")).isFalse();
        assertThat(DeviceGroup.wildcard("a.b", "axb")).isFalse();
    }

    @Test
    void emptyRuleAndDefaultGroup_matchNothing() {
        assertThat(group(Map.of()).matches(EU_WIN)).isFalse();
        assertThat(new DeviceGroup(2, "d", "", AutomationLevel.NONE, Integer.MAX_VALUE, true, Map.of()).matches(EU_WIN)).isFalse();
    }

    @Test
    void tagColumns_jsonArraysAndPlainStrings() {
        Set<String> tags = new LinkedHashSet<>();
        DeviceGroupMembership.addJsonStrings("[\"Server\",\"EU \\\"core\\\"\"]", tags);
        DeviceGroupMembership.addJsonStrings("VIP", tags);
        assertThat(tags).containsExactly("Server", "EU \"core\"", "VIP");
    }
}
