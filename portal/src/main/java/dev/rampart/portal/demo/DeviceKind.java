package dev.rampart.portal.demo;

/** The role of a simulated device; decides its processes, services and daily rhythm. */
public enum DeviceKind {
    WINDOWS_WORKSTATION(false, true),
    MAC_LAPTOP(false, false),
    DOMAIN_CONTROLLER(true, true),
    FILE_SERVER(true, true),
    MAIL_SERVER(true, true),
    WINDOWS_SERVER(true, true),
    LINUX_SERVER(true, false);

    private final boolean server;
    private final boolean windows;

    DeviceKind(boolean server, boolean windows) {
        this.server = server;
        this.windows = windows;
    }

    public boolean isServer() {
        return server;
    }

    public boolean isWindows() {
        return windows;
    }
}
