package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivityAlertColumnTest {
    @Test
    void named_findsTheAlertOfEachRecordedShape() {
        assertThat(ActivityAlertColumn.named("Alert da1_2 added: Title. Linked by user x.")).isEqualTo("da1_2");
        assertThat(ActivityAlertColumn.named("Alert da1_2: status Resolved")).isEqualTo("da1_2");
        assertThat(ActivityAlertColumn.named("On alert da1_2: looks benign")).isEqualTo("da1_2");
        assertThat(ActivityAlertColumn.named("Alert da1_2 moved to incident 7. split")).isEqualTo("da1_2");
        assertThat(ActivityAlertColumn.named("Alert da1_2 resolved by tuning rule 'r'.")).isEqualTo("da1_2");
        assertThat(ActivityAlertColumn.named("Not merged with incident 4 although alert da1_2 links both: too many")).isEqualTo("da1_2");
        assertThat(ActivityAlertColumn.named("Merged into incident 9. Alert da1_2 links both incidents through user bob.")).isEqualTo("da1_2");
        assertThat(ActivityAlertColumn.named("[from incident 3] [from incident 2] On alert da1_2: note")).isEqualTo("da1_2");
    }

    @Test
    void named_entriesAboutNoAlert_nameNothing() {
        assertThat(ActivityAlertColumn.named("Changed status Active")).isNull();
        assertThat(ActivityAlertColumn.named("Merged incident(s) 4 (x) into this incident. Reason: same attack")).isNull();
        assertThat(ActivityAlertColumn.named("Resolved: all alerts are resolved.")).isNull();
    }
}
