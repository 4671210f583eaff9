package dev.rampart.portal.response.indicators;

/** Input for creating or editing an indicator; all text as typed (validated by {@link Indicators}). */
public record IndicatorDraft(String type, String value, String action, Boolean generateAlert, String title, String description,
                             String severity, String recommendedActions, String scope, String expiresAt) {
}
