package dev.rampart.portal.incidents;

/** A change to an alert; null fields are left as they are; {@code assignedTo} "" unassigns. */
public record AlertChange(AlertStatus status, String assignedTo, Classification classification, Determination determination,
                          String comment) {
}
