package dev.rampart.portal.ingest.format;

import dev.rampart.kql.schema.Schema;

/**
 * {@code windows} (alias {@code sysmon}): Windows event log records as JSON lines from winlogbeat, NXLog, OTRF
 * datasets or evtx-to-JSON converters. Sysmon, Security, System, PowerShell and a few other channels are mapped;
 * one format handles all of them because real exports mix channels in one file.
 */
final class WindowsEventFormat implements EventFormat {
    private final Schema schema;
    private final String name;

    WindowsEventFormat(Schema schema, String name) {
        this.schema = schema;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return name.equals("sysmon")
                ? "same as windows (Sysmon events are usually shipped mixed with other channels)"
                : "Windows event log JSON (Sysmon, Security, System, PowerShell) from winlogbeat, NXLog, OTRF or evtx converters";
    }

    @Override
    public EventMapper newMapper() {
        return new WindowsMapper(schema);
    }
}
