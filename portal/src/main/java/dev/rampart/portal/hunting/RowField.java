package dev.rampart.portal.hunting;

/** One field of the row detail pane; {@code huntLink} is set for entity columns. */
public record RowField(String name, String type, String text, boolean json, String huntLink) {
}
