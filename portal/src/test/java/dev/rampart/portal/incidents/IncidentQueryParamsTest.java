package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentQueryParamsTest {
    @Test
    void missingStatusAndSeverity_meanTheDefaults_emptyMeansAny() {
        IncidentQuery d = IncidentQueryParams.parse("");
        assertThat(d.statuses()).containsExactlyInAnyOrder(IncidentStatus.ACTIVE, IncidentStatus.IN_PROGRESS);
        assertThat(d.severities()).containsExactlyInAnyOrder(Severity.HIGH, Severity.MEDIUM, Severity.LOW);
        IncidentQuery any = IncidentQueryParams.parse("?status=&severity=");
        assertThat(any.statuses()).isEmpty();
        assertThat(any.severities()).isEmpty();
        assertThat(IncidentQueryParams.filters(any)).isEqualTo("status=&severity=");
    }

    @Test
    void everyFilter_survivesARoundTrip_pageAndUnknownValuesAreDropped() {
        String qs = "status=resolved&severity=high,low&assigned=me&category=Execution&service=microsoftDefenderForIdentity"
                + "&detection=customDetection&tag=vip%20users&classification=falsePositive&entity=ws-1&entity=bob&group=7&group=x"
                + "&q=lsass&sort=id&dir=asc&page=4&colour=red&severity=purple";
        IncidentQuery q = IncidentQueryParams.parse(qs);
        assertThat(q.severities()).containsExactlyInAnyOrder(Severity.HIGH, Severity.LOW);
        assertThat(q.tags()).containsExactly("vip users");
        assertThat(q.entities()).containsExactlyInAnyOrder("ws-1", "bob");
        assertThat(q.deviceGroups()).isEqualTo(Set.of(7L));
        assertThat(q.page()).isEqualTo(4);
        String saved = IncidentQueryParams.saved(q);
        assertThat(saved).doesNotContain("page=", "colour", "purple", "group=x").contains("tag=vip+users", "sort=id&dir=asc");
        assertThat(IncidentQueryParams.parse(saved).withPage(4)).isEqualTo(q);
    }

    @Test
    void defaultSort_isLeftOutOfSavedSets() {
        assertThat(IncidentQueryParams.saved(IncidentQuery.defaults())).isEqualTo("status=active&status=inProgress&severity=low&severity=medium&severity=high");
    }

    @Test
    void sourceLabels_readAsProductNames() {
        assertThat(AlertSources.service("microsoftDefenderForIdentity")).isEqualTo("Microsoft Defender for Identity");
        assertThat(AlertSources.service("microsoft365Defender")).isEqualTo("Microsoft Defender XDR");
        assertThat(AlertSources.detection("customDetection")).isEqualTo("Custom detection");
        assertThat(AlertSources.detection("microsoftDefenderForEndpoint")).isEqualTo("EDR");
        assertThat(AlertSources.detection("someFutureSource")).isEqualTo("Some Future Source");
    }
}
