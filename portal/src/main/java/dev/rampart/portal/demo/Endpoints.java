package dev.rampart.portal.demo;

import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Benign device telemetry for one day: boot-time system processes, user sessions in office hours (browsing,
 * Office documents, mail, Teams, file shares, admin work), background services around the clock, and the
 * server roles (domain controller, file server, mail server, SQL/IIS, Linux) answering that traffic.
 */
final class Endpoints {
    static final String SVC = "C:\\Windows\\system32\\svchost.exe -k ";
    private static final String[] SVCHOST_CMDS = {
        "netsvcs -p -s Schedule", "NetworkService -p -s Dnscache", "LocalServiceNetworkRestricted -p -s EventLog",
        "netsvcs -p -s wuauserv", "DcomLaunch -p", "LocalSystemNetworkRestricted -p -s SysMain", "netsvcs -p -s BITS",
        "UnistackSvcGroup", "LocalService -p -s BthAvctpSvc", "RPCSS -p"};
    private final Fleet fleet;
    private final Workstations workstations;
    private final Servers servers;
    private SplittableRandom rnd;

    Endpoints(DemoOrganisation org, DeviceRows rows, Accounts accounts) {
        this.fleet = new Fleet(org, accounts);
        this.workstations = new Workstations(org, rows, fleet);
        this.servers = new Servers(org, rows, fleet);
    }

    List<Host> hosts() {
        return fleet.hosts;
    }

    Host host(DemoDevice d) {
        return fleet.hosts.stream().filter(h -> h.device.equals(d)).findFirst().orElseThrow();
    }

    /** Generates every device's rows for day {@code day}, which starts at {@code dayStart} (epoch ms, UTC). */
    void day(int day, long dayStart, SplittableRandom rnd) {
        prepare(day, dayStart, rnd);
        workstations.rnd = rnd;
        servers.rnd = rnd;
        for (Host h : fleet.hosts) {
            switch (h.device.kind()) {
                case WINDOWS_WORKSTATION, MAC_LAPTOP -> workstations.day(h, dayStart);
                case LINUX_SERVER -> servers.linuxDay(h, dayStart);
                default -> servers.windowsDay(h, dayStart);
            }
        }
    }

    /** Resets every host for a day and starts its long-running processes (the state attack scenarios act on). */
    void prepare(int day, long dayStart, SplittableRandom rnd) {
        this.rnd = rnd;
        for (Host h : fleet.hosts) {
            h.newDay(day);
            boot(h, dayStart - Time.HOUR * (1 + rnd.nextInt(200)));
        }
    }

    private void boot(Host h, long bootMs) {
        LocalDateTime t = Time.ts(bootMs);
        if (!h.device.kind().isWindows()) {
            Binary init = h.device.kind() == DeviceKind.MAC_LAPTOP ? Catalog.LAUNCHD : Catalog.SYSTEMD;
            h.root = new Proc(init, 1, init.path(), t, Account.ROOT, null, null, 0, 0, null);
            return;
        }
        h.system = new Proc(Catalog.SYSTEM, 4, null, t, Account.SYSTEM, "System", "TokenElevationTypeDefault", 999, 0, null);
        Proc wininit = new Proc(Catalog.WININIT, Host.pid(rnd), "wininit.exe", t, Account.SYSTEM, "System", "TokenElevationTypeDefault", 999, 0, null);
        h.services = new Proc(Catalog.SERVICES, Host.pid(rnd), "C:\\Windows\\system32\\services.exe", t, Account.SYSTEM, "System", "TokenElevationTypeDefault", 999, 0, wininit);
        h.lsass = new Proc(Catalog.LSASS, Host.pid(rnd), "C:\\Windows\\system32\\lsass.exe", t, Account.SYSTEM, "System", "TokenElevationTypeDefault", 999, 0, wininit);
        h.svchosts = new Proc[SVCHOST_CMDS.length];
        for (int i = 0; i < SVCHOST_CMDS.length; i++) {
            Account a = i == 1 ? Account.NETWORK_SERVICE : i == 2 || i == 8 ? Account.LOCAL_SERVICE : Account.SYSTEM;
            h.svchosts[i] = new Proc(Catalog.SVCHOST, Host.pid(rnd), SVC + SVCHOST_CMDS[i], t, a, "System", "TokenElevationTypeDefault", 999, 0, h.services);
        }
        h.defender = new Proc(Catalog.MSMPENG, Host.pid(rnd), "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24080.9-0\\MsMpEng.exe\"",
                t, Account.SYSTEM, "System", "TokenElevationTypeDefault", 999, 0, h.services);
    }
}
