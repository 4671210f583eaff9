package dev.rampart.portal.response;

/**
 * Who carries an action out: the sensor on the target device, any sensor offering a capability (identity on a
 * domain controller, mail on the mail server), or the portal itself (indicators, containment policy, AIR).
 */
public enum Executor {
    DEVICE_SENSOR(null), IDENTITY_SENSOR("identity"), MAIL_SENSOR("mail"), PORTAL(null);

    private final String capability;

    Executor(String capability) {
        this.capability = capability;
    }

    /** The sensor capability that picks these actions up, or null. */
    public String capability() {
        return capability;
    }
}
