package dev.rampart.portal.demo;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Shared vocabulary of endpoint activity: starting processes (with their image loads, prefetch and
 * compatibility-store writes), apps of the signed-in user, outbound connections, and the background noise every
 * Windows device makes around the clock. Subclasses simulate one kind of device for a day.
 */
abstract class Activity {
    final DemoOrganisation org;
    final DeviceRows rows;
    final Host dc;
    final Host fs;
    final Host mail;
    final List<Host> workstations;
    final List<Host> winServers;
    /** The day's generator, shared by all activities so their draws interleave deterministically. */
    SplittableRandom rnd;

    Activity(DemoOrganisation org, DeviceRows rows, Fleet fleet) {
        this.org = org;
        this.rows = rows;
        this.dc = fleet.dc;
        this.fs = fleet.fs;
        this.mail = fleet.mail;
        this.workstations = fleet.workstations;
        this.winServers = fleet.winServers;
    }

    Proc child(Binary bin, String cmd, long ms, Proc parent) {
        return new Proc(bin, Host.pid(rnd), cmd, Time.ts(ms), parent.account(), parent.integrity(), parent.elevation(),
                parent.logonId(), parent.sessionId(), parent);
    }

    Proc start(Host h, Binary bin, String cmd, long ms, Proc parent) {
        Proc p = child(bin, cmd, ms, parent);
        rows.processCreated(h.device, p, h.rid());
        if (h.device.kind().isWindows()) {
            int loads = 2 + rnd.nextInt(6);
            for (int i = 0; i < loads; i++) {
                rows.imageLoad(h.device, Time.ts(ms + 20 + i * 3L), p, Catalog.DLLS[rnd.nextInt(Catalog.DLLS.length)], h.rid());
            }
            if (rnd.nextBoolean()) {
                String pf = bin.fileName().toUpperCase(Locale.ROOT) + '-' + bin.sha1().substring(0, 8).toUpperCase(Locale.ROOT) + ".pf";
                rows.file(h.device, Time.ts(ms + 9_000), h.svchosts[5], "FileModified", pf, "C:\\Windows\\Prefetch\\" + pf,
                        null, 20_000 + rnd.nextInt(60_000), null, null, null, null, h.rid());
            }
            if (rnd.nextInt(3) == 0) {
                rows.registry(h.device, Time.ts(ms + 40), p, "RegistryValueSet",
                        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\AppCompatFlags\\Compatibility Assistant\\Store",
                        bin.path(), "RegBinary", null, h.rid());
            }
        }
        return p;
    }

    Proc app(Host h, Binary bin, long ms) {
        Proc p = h.apps.get(bin);
        if (p == null) {
            Proc parent = h.device.kind() == DeviceKind.MAC_LAPTOP ? h.root : h.explorer;
            p = start(h, bin, '"' + bin.path() + '"', ms, parent);
            h.apps.put(bin, p);
            if (h.device.kind().isWindows()) {
                rows.registry(h.device, Time.ts(ms + 150), h.explorer, "RegistryValueSet",
                        "HKEY_CURRENT_USER\\" + h.owner.sid() + "\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\UserAssist\\{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}\\Count",
                        bin.path(), "RegBinary", null, h.rid());
            }
        }
        return p;
    }

    void connect(Host h, long ms, Proc p, Web.Site site, int port) {
        rows.network(h.device, Time.ts(ms), p, rnd.nextInt(60) == 0 ? "ConnectionFailed" : "ConnectionSuccess", site.ip(), port, site.url(), 49_152 + rnd.nextInt(16_000), "Tcp", h.rid());
    }

    long at(long hourStart) {
        return hourStart + rnd.nextLong(Time.HOUR);
    }

    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double l = Math.exp(-Math.min(mean, 60));
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return mean > 60 ? (int) Math.round(mean + (k - 1 - 60)) : k - 1;
    }

    private static final String[] TEMP_FILES = {"\\AppData\\Local\\Temp\\", "\\AppData\\Local\\Microsoft\\Windows\\INetCache\\IE\\",
        "\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\Logs\\"};

    void windowsBackground(Host h, long hs, int weight) {
        int n = (10 + rnd.nextInt(10)) * weight;
        for (int i = 0; i < n; i++) {
            long ms = at(hs);
            Proc svc = h.svchosts[rnd.nextInt(h.svchosts.length)];
            int r = rnd.nextInt(100);
            if (r < 8) {
                connect(h, ms, svc, Web.WINDOWS[rnd.nextInt(Web.WINDOWS.length)], 443);
            } else if (r < 14) {
                rows.network(h.device, Time.ts(ms), h.svchosts[1], "ConnectionSuccess", dc.device.ip(), 53, null, 50_000 + rnd.nextInt(10_000), "Udp", h.rid());
            } else if (r < 18) {
                rows.network(h.device, Time.ts(ms), h.lsass, "ConnectionSuccess", dc.device.ip(), rnd.nextBoolean() ? 88 : 389, null, 49_152 + rnd.nextInt(16_000), "Tcp", h.rid());
            } else if (r < 48) {
                Binary b = switch (rnd.nextInt(7)) {
                    case 0 -> Catalog.TASKHOSTW;
                    case 1 -> Catalog.MOUSO;
                    case 2 -> Catalog.COMPATTEL;
                    case 3 -> Catalog.DLLHOST;
                    case 4 -> Catalog.RUNTIMEBROKER;
                    case 5 -> Catalog.CONHOST;
                    default -> Catalog.SEARCHPROTOCOL;
                };
                start(h, b, b == Catalog.DLLHOST ? "C:\\Windows\\system32\\DllHost.exe /Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}"
                        : b == Catalog.CONHOST ? "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1" : b.path(), ms, h.svchosts[b == Catalog.DLLHOST || b == Catalog.RUNTIMEBROKER ? 4 : 0]);
            } else if (r < 56) {
                rows.registry(h.device, Time.ts(ms), h.defender, "RegistryValueSet",
                        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates", "SignaturesLastUpdated", "RegBinary", null, h.rid());
            } else if (r < 66) {
                rows.registry(h.device, Time.ts(ms), svc, "RegistryValueSet",
                        "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\bam\\State\\UserSettings\\" + (h.owner == null ? "S-1-5-18" : h.owner.sid()),
                        "\\Device\\HarddiskVolume3\\Windows\\System32\\svchost.exe", "RegBinary", null, h.rid());
            } else if (r < 72) {
                rows.registry(h.device, Time.ts(ms), svc, rnd.nextInt(3) == 0 ? "RegistryKeyCreated" : "RegistryValueSet",
                        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tree\\Microsoft\\Windows\\UpdateOrchestrator\\Schedule Scan",
                        "Index", "RegDword", "3", h.rid());
            } else if (r < 78) {
                rows.imageLoad(h.device, Time.ts(ms), rnd.nextBoolean() ? svc : h.defender, Catalog.DLLS[rnd.nextInt(Catalog.DLLS.length)], h.rid());
            } else if (r < 94) {
                if (h.owner != null && h.explorer != null) {
                    String folder = TEMP_FILES[rnd.nextInt(TEMP_FILES.length)];
                    Proc owner = folder.contains("MSTeams") ? h.apps.getOrDefault(Catalog.TEAMS, h.explorer) : h.explorer;
                    String name = folder.contains("MSTeams") ? "MSTeams_2024-" + (10 + rnd.nextInt(2)) + ".log" : "~DF" + Ids.hex(rnd.nextLong(), 4).toUpperCase(Locale.ROOT) + ".tmp";
                    rows.file(h.device, Time.ts(ms), owner, rnd.nextInt(3) == 0 ? "FileCreated" : "FileModified", name, h.ownerHome + folder + name,
                            null, 1_000 + rnd.nextInt(500_000), null, null, null, null, h.rid());
                } else {
                    String name = "edb" + Ids.hex(rnd.nextLong(), 5) + ".log";
                    rows.file(h.device, Time.ts(ms), h.svchosts[3], "FileCreated", name, "C:\\Windows\\SoftwareDistribution\\DataStore\\Logs\\" + name,
                            null, 1_048_576, null, null, null, null, h.rid());
                }
            } else {
                rows.event(h.device, Time.ts(ms), svc, "NamedPipeEvent", null, null, null, null, null, null, null, null,
                        "{\"PipeName\":\"\\\\Device\\\\NamedPipe\\\\lsarpc\",\"FileOperation\":\"File opened\",\"NamedPipeEnd\":\"Client\",\"RemoteClientsAccess\":\"AcceptRemote\"}", h.rid());
            }
        }
        int local = Time.localHour(hs, h.device.site().utcOffsetHours());
        if (local == 3) {
            long ms = at(hs);
            rows.event(h.device, Time.ts(ms), h.defender, "AntivirusScanCompleted", null, null, null, null, null, null, null, null,
                    "{\"ScanTypeIndex\":\"Quick\",\"Domain\":\"NT AUTHORITY\",\"User\":\"SYSTEM\"}", h.rid());
            rows.file(h.device, Time.ts(ms - 600_000), h.defender, "FileCreated", "mpavdlta.vdm",
                    "C:\\ProgramData\\Microsoft\\Windows Defender\\Definition Updates\\{" + h.device.deviceId().substring(0, 8).toUpperCase(Locale.ROOT) + "-5A1B-4C2D-9E3F-0123456789AB}\\mpavdlta.vdm",
                    null, 850_000 + rnd.nextInt(200_000), null, null, null, null, h.rid());
            start(h, Catalog.GPUPDATE, "gpupdate.exe /target:computer", ms + 60_000, h.svchosts[0]);
        }
    }
}
