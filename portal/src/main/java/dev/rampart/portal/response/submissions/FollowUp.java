package dev.rampart.portal.response.submissions;

import java.time.OffsetDateTime;

/** An indicator ({@code kind} indicator) or alert tuning rule ({@code tuningRule}) created from a submission result. */
public record FollowUp(String kind, long refId, String label, String createdBy, OffsetDateTime createdAt) {
}
