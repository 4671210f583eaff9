package dev.rampart.portal.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    @Test
    void owning_matchesWholePathSegments_pagesExportsAndApi() {
        assertThat(Workload.owning("/devices")).contains(Workload.ENDPOINT);
        assertThat(Workload.owning("/devices/abc/timeline")).contains(Workload.ENDPOINT);
        assertThat(Workload.owning("/reports/endpoints.csv")).contains(Workload.ENDPOINT);
        assertThat(Workload.owning("/reports/identities?days=7")).contains(Workload.IDENTITY);
        assertThat(Workload.owning("/api/v1/devices")).contains(Workload.ENDPOINT);
        assertThat(Workload.owning("/devicesx")).isEmpty();
        assertThat(Workload.owning("/settings/device-groups")).isEmpty();
        assertThat(Workload.owning("/reports")).isEmpty();
        assertThat(Workload.owning("/api/v1/sensors/me/heartbeat")).isEmpty();
        assertThat(Workload.owning(null)).isEqualTo(Optional.empty());
    }

    @Test
    void searchSections_belongToEveryWorkloadThatHasThem() {
        assertThat(Workload.withSearchSection("device")).containsExactly(Workload.ENDPOINT);
        assertThat(Workload.withSearchSection("user")).contains(Workload.ENDPOINT, Workload.IDENTITY, Workload.EMAIL, Workload.CLOUD_APPS);
        assertThat(Workload.withSearchSection("vulnerability")).containsExactly(Workload.EXPOSURE_MANAGEMENT);
        assertThat(Workload.withSearchSection("ip")).isEmpty();
        assertThat(Workload.owning("/reports/cloudapps")).contains(Workload.CLOUD_APPS);
        assertThat(Workload.byId("cloudapps")).contains(Workload.CLOUD_APPS);
    }

    @Test
    void defaults_areTheCoreWorkloads_unlessConfigured() {
        assertThat(Workloads.parseDefaults(null)).doesNotContain(Workload.CLOUD_WORKLOADS, Workload.OT_IOT).contains(Workload.ENDPOINT);
        assertThat(Workloads.parseDefaults(List.of("endpoint", " ot-iot"))).isEqualTo(EnumSet.of(Workload.ENDPOINT, Workload.OT_IOT));
        assertThat(Workloads.parseDefaults(List.of("none"))).isEmpty();
        assertThatThrownBy(() -> Workloads.parseDefaults(List.of("endpoints"))).hasMessageContaining("unknown workload \"endpoints\"");
    }

    @Test
    void daysLeft_roundsUp_andAnExpiredTrialIsOff() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        var running = new Workloads.Status(Workload.OT_IOT, Workloads.State.TRIAL, false, now, now.plusSeconds(3600), now, "a", true);
        assertThat(running.enabled()).isTrue();
        assertThat(running.daysLeft(now)).isEqualTo(1);
        var expired = new Workloads.Status(Workload.OT_IOT, Workloads.State.TRIAL, true, now, now, now, "a", true);
        assertThat(expired.enabled()).isFalse();
        assertThat(expired.daysLeft(now)).isZero();
    }
}
