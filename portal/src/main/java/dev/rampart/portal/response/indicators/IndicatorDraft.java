package dev.rampart.portal.response.indicators;

import java.util.List;

/**
 * Input for creating or editing an indicator; all text as typed (validated by {@link Indicators}).
 * {@code deviceGroups}: device group ids or names the indicator is limited to (null or empty = all device groups).
 */
public record IndicatorDraft(String type, String value, String action, Boolean generateAlert, String title, String description,
                             String severity, String recommendedActions, String scope, String expiresAt, List<String> deviceGroups) {
}
