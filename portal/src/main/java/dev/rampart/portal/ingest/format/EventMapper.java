package dev.rampart.portal.ingest.format;

import tools.jackson.databind.JsonNode;

/** Maps one source event (a parsed JSON value) to hunting rows; not thread-safe, one per batch. */
public interface EventMapper {
    /** Never null: rows to store, a reason the event is skipped, or a reason it is invalid. */
    Mapping map(JsonNode event);
}
