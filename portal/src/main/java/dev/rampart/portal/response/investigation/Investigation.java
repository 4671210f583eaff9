package dev.rampart.portal.response.investigation;

import dev.rampart.portal.access.AutomationLevel;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One automated investigation. {@code state} is the effective state (remediation states come from its actions);
 * {@code endedAt} is null while it runs or waits.
 */
public record Investigation(long id, String alertId, Long incidentId, String deviceId, String deviceName, AutomationLevel automationLevel,
                            InvestigationState state, String startedBy, OffsetDateTime startedAt, OffsetDateTime endedAt, String failure) {

    /** An entity the playbook judged, with the ids of the alerts naming it (empty for runs before this was kept). */
    public record Entity(String type, String key, String display, Verdict verdict, List<String> reasons, List<String> alertIds) {
    }

    /** One playbook step. */
    public record LogEntry(OffsetDateTime at, String step, String text) {
    }

    public String deviceLabel() {
        return deviceName == null ? deviceId : deviceName;
    }
}
