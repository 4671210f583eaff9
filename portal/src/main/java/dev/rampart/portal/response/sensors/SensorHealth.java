package dev.rampart.portal.response.sensors;

/**
 * Sensor health as the device inventory shows it: Active when a heartbeat arrived within 15 minutes (three missed
 * 5-minute heartbeats), Impaired communications up to 7 days, Inactive after that, No sensor when none enrolled.
 */
public enum SensorHealth {
    ACTIVE("Active"), IMPAIRED_COMMUNICATIONS("Impaired communications"), INACTIVE("Inactive"), NO_SENSOR("No sensor");

    private final String label;

    SensorHealth(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
