package dev.rampart.portal.incidents;

import java.util.List;

/**
 * A change to an incident; null fields are left as they are. {@code assignedTo} "" unassigns;
 * {@code severityAutomatic} true returns severity to "highest alert severity".
 */
public record IncidentChange(IncidentStatus status, String assignedTo, Classification classification, Determination determination,
                             Severity severity, Boolean severityAutomatic, String displayName, List<String> addTags,
                             List<String> removeTags, String comment, String resolvingComment) {
    public IncidentChange {
        addTags = addTags == null ? List.of() : List.copyOf(addTags);
        removeTags = removeTags == null ? List.of() : List.copyOf(removeTags);
    }

    public static IncidentChange none() {
        return new IncidentChange(null, null, null, null, null, null, null, null, null, null, null);
    }

    public IncidentChange withStatus(IncidentStatus s) {
        return new IncidentChange(s, assignedTo, classification, determination, severity, severityAutomatic, displayName, addTags, removeTags,
                comment, resolvingComment);
    }

    public IncidentChange withAssignedTo(String a) {
        return new IncidentChange(status, a, classification, determination, severity, severityAutomatic, displayName, addTags, removeTags,
                comment, resolvingComment);
    }

    public IncidentChange withClassification(Classification c, Determination d) {
        return new IncidentChange(status, assignedTo, c, d, severity, severityAutomatic, displayName, addTags, removeTags, comment,
                resolvingComment);
    }

    public IncidentChange withComment(String c) {
        return new IncidentChange(status, assignedTo, classification, determination, severity, severityAutomatic, displayName, addTags,
                removeTags, c, resolvingComment);
    }

    public IncidentChange withTags(List<String> add, List<String> remove) {
        return new IncidentChange(status, assignedTo, classification, determination, severity, severityAutomatic, displayName, add, remove,
                comment, resolvingComment);
    }

    public IncidentChange withSeverity(Severity s, Boolean automatic) {
        return new IncidentChange(status, assignedTo, classification, determination, s, automatic, displayName, addTags, removeTags, comment,
                resolvingComment);
    }

    public IncidentChange withResolvingComment(String c) {
        return new IncidentChange(status, assignedTo, classification, determination, severity, severityAutomatic, displayName, addTags,
                removeTags, comment, c);
    }

    public IncidentChange withDisplayName(String n) {
        return new IncidentChange(status, assignedTo, classification, determination, severity, severityAutomatic, n, addTags, removeTags,
                comment, resolvingComment);
    }
}
