package dev.rampart.portal.ingest.format;

/**
 * A source format that {@link FormatIngestor} turns into rows of the hunting tables (for example Sysmon or
 * Windows Security events as JSON). Selected by {@link #name()} with {@code ?format=} on the ingest API and
 * {@code --format} on the {@code import} command; see {@code docs/ingest-formats.md} for the field mappings.
 */
public interface EventFormat {
    /** The name used in {@code ?format=}, lower case. */
    String name();

    /** One line for usage listings. */
    String summary();

    /**
     * A fresh mapper for one batch (request body or file). Mappers keep per-batch state, such as the process
     * history that fills {@code InitiatingProcess*} columns, so one mapper must see the events of a batch in order.
     */
    EventMapper newMapper();
}
