package dev.rampart.portal.ingest.format;

import java.util.Map;

/**
 * Service Control Manager events of the System log about services that stop or change. The Windows mapper stores
 * them as {@code DeviceEvents} rows with these ActionTypes (Rampart's names) and the event data (param1 = service
 * display name, param2 = state...) in {@code AdditionalFields}; System 7045 (service installed) is mapped on its own.
 */
public final class ServiceControlEvents {
    /** Event id → ActionType of the {@code DeviceEvents} row. */
    public static final Map<Integer, String> ACTIONS = Map.of(7023, "ServiceTerminatedWithError", 7034, "ServiceTerminatedUnexpectedly",
            7036, "ServiceStateChanged", 7040, "ServiceStartTypeChanged");

    private ServiceControlEvents() {
    }
}
