package dev.rampart.portal.demo;

/** The security principal a process or logon runs as, in the shape the hunting tables repeat. */
record Account(String domain, String name, String sid, String upn, String objectId) {
    static final Account SYSTEM = new Account("nt authority", "system", "S-1-5-18", null, null);
    static final Account LOCAL_SERVICE = new Account("nt authority", "local service", "S-1-5-19", null, null);
    static final Account NETWORK_SERVICE = new Account("nt authority", "network service", "S-1-5-20", null, null);
    static final Account ROOT = new Account(null, "root", null, null, null);
}
