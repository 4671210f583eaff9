package dev.rampart.portal.vulnerabilities;

import dev.rampart.portal.access.DeviceGroup;
import java.util.List;
import java.util.Map;

/**
 * What a recommendation's page offers beyond its data: its active exceptions and remediation activities, whether the
 * reader may create them and for which device groups, and a form sent back with its errors ({@code openForm} names
 * it: {@code exception} or {@code remediation}).
 */
public record RecommendationWorkflow(List<RecommendationExceptions.Entry> exceptions, VulnerabilityData.AfterExceptions after, boolean canExcept,
                                     boolean canExceptGlobal, List<DeviceGroup> exceptionGroups, RecommendationExceptions.Input exceptionForm,
                                     List<RemediationActivities.Activity> activities, boolean canRemediate, boolean canRemediateAll,
                                     List<DeviceGroup> remediationGroups, RemediationActivities.Input remediationForm, String openForm,
                                     Map<String, String> errors) {
    public boolean open(String form) {
        return form.equals(openForm);
    }

    public String error(String form, String field) {
        return open(form) ? errors.get(field) : null;
    }
}
