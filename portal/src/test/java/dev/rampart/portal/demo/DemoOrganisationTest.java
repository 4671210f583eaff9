package dev.rampart.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOrganisationTest {

    @Test
    void defaultScale_hasTheDocumentedSizeAndEveryRole() {
        DemoOrganisation org = DemoOrganisation.create(DemoScale.DEFAULT, DemoOptions.DEFAULT_SEED);
        assertThat(org.devices()).hasSizeGreaterThanOrEqualTo(200);
        assertThat(org.people()).hasSizeGreaterThanOrEqualTo(300);
        for (DeviceKind k : DeviceKind.values()) {
            assertThat(org.devices(k)).as(k.name()).isNotEmpty();
        }
        assertThat(org.devices()).extracting(DemoDevice::osPlatform).contains("Windows10", "Windows11", "WindowsServer2022", "Linux", "macOS");
        assertThat(org.people()).extracting(DemoUser::department).contains("Finance", "IT", "Sales", "Engineering");
        assertThat(org.users()).extracting(DemoUser::type).contains("User", "ServiceAccount");
    }

    @Test
    void identifiers_areUniqueAndWellFormed() {
        DemoOrganisation org = DemoOrganisation.create(DemoScale.DEFAULT, 99);
        List<DemoDevice> devices = org.devices();
        assertThat(devices).extracting(DemoDevice::deviceId).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{40}"));
        assertThat(devices).extracting(DemoDevice::name).doesNotHaveDuplicates();
        assertThat(devices).extracting(DemoDevice::ip).doesNotHaveDuplicates().allMatch(ip -> ip.startsWith("10."));
        assertThat(org.users()).extracting(DemoUser::samAccountName).doesNotHaveDuplicates();
        assertThat(org.users()).extracting(DemoUser::upn).doesNotHaveDuplicates().allMatch(u -> u.endsWith("@" + DemoOrganisation.MAIL_DOMAIN));
        assertThat(org.users()).extracting(DemoUser::sid).doesNotHaveDuplicates().allMatch(s -> s.startsWith(org.domainSid() + "-"));
        assertThat(org.users()).extracting(DemoUser::objectId).allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertThat(devices.stream().filter(d -> !d.kind().isServer())).allMatch(d -> d.primaryUser() != null);
    }

    @Test
    void sameSeed_buildsTheSameOrganisation() {
        DemoOrganisation a = DemoOrganisation.create(DemoScale.SMALL, 5);
        DemoOrganisation b = DemoOrganisation.create(DemoScale.SMALL, 5);
        assertThat(a.devices()).isEqualTo(b.devices());
        assertThat(a.users()).isEqualTo(b.users());
        assertThat(DemoOrganisation.create(DemoScale.SMALL, 6).users()).isNotEqualTo(a.users());
    }

    @Test
    void options_parseScaleAndSeed_andNameBadValues() {
        DemoOptions o = DemoOptions.parse(List.of("--demo", "--demo-scale=small", "--demo-seed=17"));
        assertThat(o.scale()).isEqualTo(DemoScale.SMALL);
        assertThat(o.seed()).isEqualTo(17);
        assertThat(DemoOptions.parse(List.of()).seed()).isEqualTo(DemoOptions.DEFAULT_SEED);
        assertThat(DemoOptions.parse(List.of("--scale=LARGE")).scale()).isEqualTo(DemoScale.LARGE);
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--demo-scale=huge"))).hasMessageContaining("huge").hasMessageContaining("small, default or large");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--seed=abc"))).hasMessageContaining("abc");
    }
}
