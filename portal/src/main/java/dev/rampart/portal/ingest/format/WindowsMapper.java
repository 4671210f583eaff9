package dev.rampart.portal.ingest.format;

import dev.rampart.kql.schema.Schema;
import java.time.LocalDateTime;
import tools.jackson.databind.JsonNode;

/**
 * Maps Windows event log records (Sysmon, Security, System, PowerShell) to hunting rows; see
 * {@code docs/ingest-formats.md} for the table per channel and event id and the column mapping. Keeps the
 * process lineage of the batch. Events of channels or ids with no mapping are skipped with a reason.
 */
final class WindowsMapper implements EventMapper {
    final Schema schema;
    final ProcessLineage lineage = new ProcessLineage();

    WindowsMapper(Schema schema) {
        this.schema = schema;
    }

    @Override
    public Mapping map(JsonNode event) {
        WinEvent e;
        try {
            e = WinEvent.of(event);
        } catch (WinEvent.NotAnEvent ex) {
            return new Mapping.Invalid(null, ex.getMessage());
        }
        if (e.isSysmon()) {
            return SysmonMapping.map(this, e);
        }
        if (e.isSecurity()) {
            return SecurityMapping.map(this, e);
        }
        return OtherChannelsMapping.map(this, e);
    }

    /** A row of {@code table} with the columns every mapped event has. */
    RowBuilder row(String table, WinEvent e, String actionType) {
        RowBuilder r = new RowBuilder(schema.table(table).orElseThrow());
        LocalDateTime t = Times.parse(e.get("UtcTime"));
        r.put("Timestamp", t != null ? t : e.systemTime);
        r.device(e.computer);
        r.put("ReportId", e.recordId);
        r.put("ActionType", actionType);
        return r;
    }

    static Mapping unmapped(WinEvent e) {
        String source = e.channel.isEmpty() ? e.provider : e.channel;
        return Mapping.skip("no hunting table for " + (source.isEmpty() ? "unknown channel" : source) + " event " + e.eventId);
    }
}
