package dev.rampart.portal.ingest.format;

import java.util.Map;

/**
 * The classic {@code Windows PowerShell} event log (engine and provider start, pipeline execution). The Windows
 * mapper stores these events as {@code DeviceEvents} rows with the ActionTypes named here (Rampart's names: Defender
 * does not read this log) and the event's detail text, written as unnamed data items, joined into
 * {@code AdditionalFields.Data}, which is the field Sigma's {@code ps_classic_*} rules search.
 */
public final class ClassicPowerShellEvents {
    /** The event log channel, compared ignoring case. */
    public static final String CHANNEL = "Windows PowerShell";

    /** Event id → ActionType of the {@code DeviceEvents} row. */
    public static final Map<Integer, String> ACTIONS = Map.of(400, "PowerShellEngineStarted", 600, "PowerShellProviderStarted",
            800, "PowerShellPipelineExecuted");

    private ClassicPowerShellEvents() {
    }
}
