package dev.rampart.portal.incidents;

/** Kinds of alert evidence this portal extracts; {@link #graph()} is the Graph evidence type name. */
public enum EntityType {
    DEVICE("deviceEvidence", "Device"),
    USER("userEvidence", "User"),
    MAILBOX("mailboxEvidence", "Mailbox"),
    FILE("fileEvidence", "File"),
    PROCESS("processEvidence", "Process"),
    IP("ipEvidence", "IP address"),
    URL("urlEvidence", "URL");

    private final String graph;
    private final String label;

    EntityType(String graph, String label) {
        this.graph = graph;
        this.label = label;
    }

    public String graph() {
        return graph;
    }

    public String label() {
        return label;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static EntityType parse(String s) {
        return GraphEnums.parse(EntityType.class, s, "entity type");
    }
}
