package dev.rampart.portal.response;

/** What a response action acts on. */
public enum TargetType {
    DEVICE("Device"), FILE("File"), USER("User"), EMAIL("Email"), IP("IP address"), URL("URL");

    private final String label;

    TargetType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
