package dev.rampart.portal.demo;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private static final String[] DOC_STEMS = {"Q3 Forecast", "Route Plan", "Invoice Summary", "Budget 2025", "Carrier Rates",
        "Customer List", "Weekly Report", "Board Deck", "Shipment Tracker", "Fuel Costs", "Vendor Contracts", "Team Roster",
        "Warehouse Capacity", "Customs Declarations", "Sales Pipeline", "Onboarding Checklist", "Project Plan", "KPI Dashboard",
        "Meeting Notes", "Policy Draft"};
    private static final String[] DOWNLOADS = {"rate_card.pdf", "manifest.xlsx", "tracking_export.csv", "brochure.pdf",
        "ChromeSetup.exe", "zoom_installer.exe", "statement.pdf", "quote.docx", "photos.zip", "agenda.pdf"};
    private static final String[] IT_COMMANDS = {
        "powershell.exe -NoProfile -Command \"Get-ADUser -Filter * -SearchBase 'OU=Staff,DC=corp,DC=larkspur,DC=example' | Measure-Object\"",
        "powershell.exe -NoProfile -Command Get-Service | Where-Object Status -eq Stopped",
        "ipconfig /all", "whoami /groups", "net group \"Domain Admins\" /domain", "gpupdate /force",
        "powershell.exe -Command Test-NetConnection fs01.corp.larkspur.example -Port 445", "nslookup mail01.corp.larkspur.example"};
    private static final String[] GIT_COMMANDS = {"git fetch --all", "git pull --rebase", "git status", "git push origin HEAD",
        "git log --oneline -20"};

    private final DemoOrganisation org;
    private final DeviceRows rows;
    private final List<Host> hosts = new ArrayList<>();
    private final Host dc;
    private final Host fs;
    private final Host mail;
    private final List<Host> workstations = new ArrayList<>();
    private final List<Host> winServers = new ArrayList<>();
    private final String[] docs;
    private final Binary[] downloads;
    private SplittableRandom rnd;

    Endpoints(DemoOrganisation org, DeviceRows rows, Accounts accounts) {
        this.org = org;
        this.rows = rows;
        int i = 0;
        for (DemoDevice d : org.devices()) {
            Host h = new Host(d, i++, d.primaryUser() == null ? null : accounts.of(d.primaryUser()));
            hosts.add(h);
            if (!d.kind().isServer()) {
                workstations.add(h);
            } else if (d.kind() == DeviceKind.WINDOWS_SERVER) {
                winServers.add(h);
            }
        }
        dc = byKind(DeviceKind.DOMAIN_CONTROLLER);
        fs = byKind(DeviceKind.FILE_SERVER);
        mail = byKind(DeviceKind.MAIL_SERVER);
        docs = new String[DOC_STEMS.length * 3];
        for (int k = 0; k < DOC_STEMS.length; k++) {
            docs[3 * k] = DOC_STEMS[k] + ".docx";
            docs[3 * k + 1] = DOC_STEMS[k] + ".xlsx";
            docs[3 * k + 2] = DOC_STEMS[k] + ".pptx";
        }
        downloads = new Binary[DOWNLOADS.length];
        for (int k = 0; k < DOWNLOADS.length; k++) {
            downloads[k] = Binary.unsigned(DOWNLOADS[k], "download:" + DOWNLOADS[k], 50_000 + k * 731_003L);
        }
    }

    private Host byKind(DeviceKind kind) {
        return hosts.stream().filter(h -> h.device.kind() == kind).findFirst().orElseThrow();
    }

    List<Host> hosts() {
        return hosts;
    }

    Host host(DemoDevice d) {
        return hosts.stream().filter(h -> h.device.equals(d)).findFirst().orElseThrow();
    }

    /** Generates every device's rows for day {@code day}, which starts at {@code dayStart} (epoch ms, UTC). */
    void day(int day, long dayStart, SplittableRandom rnd) {
        prepare(day, dayStart, rnd);
        for (Host h : hosts) {
            switch (h.device.kind()) {
                case WINDOWS_WORKSTATION, MAC_LAPTOP -> workstationDay(h, dayStart);
                case LINUX_SERVER -> linuxDay(h, dayStart);
                default -> windowsServerDay(h, dayStart);
            }
        }
    }

    /** Resets every host for a day and starts its long-running processes (the state attack scenarios act on). */
    void prepare(int day, long dayStart, SplittableRandom rnd) {
        this.rnd = rnd;
        for (Host h : hosts) {
            h.newDay(day);
            boot(h, dayStart - Time.HOUR * (1 + rnd.nextInt(200)));
        }
    }

    // ---------------------------------------------------------------- boot and shared helpers

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

    private Proc child(Binary bin, String cmd, long ms, Proc parent) {
        return new Proc(bin, Host.pid(rnd), cmd, Time.ts(ms), parent.account(), parent.integrity(), parent.elevation(),
                parent.logonId(), parent.sessionId(), parent);
    }

    private Proc start(Host h, Binary bin, String cmd, long ms, Proc parent) {
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

    private Proc app(Host h, Binary bin, long ms) {
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

    private void connect(Host h, long ms, Proc p, Web.Site site, int port) {
        rows.network(h.device, Time.ts(ms), p, rnd.nextInt(60) == 0 ? "ConnectionFailed" : "ConnectionSuccess", site.ip(), port, site.url(), 49_152 + rnd.nextInt(16_000), "Tcp", h.rid());
    }

    private long at(long hourStart) {
        return hourStart + rnd.nextLong(Time.HOUR);
    }

    private int poisson(double mean) {
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

    // ---------------------------------------------------------------- workstations and laptops

    private void workstationDay(Host h, long dayStart) {
        int offset = h.device.site().utcOffsetHours();
        boolean desktop = h.device.shortName().contains("-dt-");
        boolean sick = rnd.nextInt(100) < 6;
        boolean weekendWorker = rnd.nextInt(100) < 8;
        int from = 7 + rnd.nextInt(3);
        int to = 16 + rnd.nextInt(4);
        boolean windows = h.device.kind().isWindows();
        for (int hour = 0; hour < 24; hour++) {
            long hs = dayStart + hour * Time.HOUR;
            int local = Time.localHour(hs, offset);
            boolean weekend = Time.localWeekday(hs, offset) >= 5;
            boolean present = (weekend ? weekendWorker : !sick) && local >= from && local < to;
            boolean on = present || desktop || local == from - 1 || rnd.nextInt(10) == 0;
            if (!on) {
                continue;
            }
            if (present && h.explorer == null) {
                logon(h, hs + rnd.nextLong(20 * Time.MINUTE));
            }
            if (windows) {
                windowsBackground(h, hs, 1);
            } else {
                macBackground(h, hs);
            }
            if (present && h.explorer != null) {
                double curve = local == 12 ? 0.5 : local == from ? 0.7 : 1.0;
                int n = poisson(28 * curve);
                for (int i = 0; i < n; i++) {
                    userActivity(h, at(hs));
                }
            }
        }
    }

    private void logon(Host h, long ms) {
        LocalDateTime t = Time.ts(ms);
        h.logonId = 1_000_000L + rnd.nextInt(90_000_000);
        if (h.device.kind() == DeviceKind.MAC_LAPTOP) {
            h.explorer = new Proc(Catalog.LAUNCHD, 1, "/sbin/launchd", t, h.owner, null, null, h.logonId, 0, null);
            h.root = new Proc(Catalog.LAUNCHD, 1, "/sbin/launchd", t, h.owner, null, null, h.logonId, 0, null);
            rows.logon(h.device, t, null, "LogonSuccess", "Interactive", h.owner, null, null, false, null, null, 0, h.logonId, h.rid());
            return;
        }
        Proc winlogon = new Proc(Catalog.WINLOGON, Host.pid(rnd), "winlogon.exe", Time.ts(ms - Time.HOUR), Account.SYSTEM, "System", "TokenElevationTypeDefault", 999, 1, null);
        if (rnd.nextInt(25) == 0) {
            rows.logon(h.device, Time.ts(ms - 15_000), winlogon, "LogonFailed", "Interactive", h.owner, "Kerberos", "InvalidUserNameOrPassword",
                    false, null, null, 0, 0, h.rid());
        }
        rows.logon(h.device, t, winlogon, "LogonSuccess", rnd.nextInt(5) == 0 ? "Unlock" : "Interactive", h.owner, "Kerberos",
                null, false, null, null, 0, h.logonId, h.rid());
        Proc userinit = new Proc(Catalog.USERINIT, Host.pid(rnd), "C:\\Windows\\system32\\userinit.exe", Time.ts(ms + 900),
                h.owner, "Medium", "TokenElevationTypeLimited", h.logonId, 1, winlogon);
        rows.processCreated(h.device, userinit, h.rid());
        h.explorer = start(h, Catalog.EXPLORER, "C:\\Windows\\Explorer.EXE", ms + 1_800, userinit);
        start(h, Catalog.SIHOST, "sihost.exe", ms + 2_100, h.svchosts[0]);
        app(h, Catalog.OUTLOOK, ms + 40_000);
        app(h, Catalog.TEAMS, ms + 45_000);
        app(h, Catalog.ONEDRIVE, ms + 50_000);
        // The workstation's Kerberos traffic to the domain controller that the logon caused.
        rows.network(h.device, Time.ts(ms + 200), h.lsass, "ConnectionSuccess", dc.device.ip(), 88, null, 49_152 + rnd.nextInt(16_000), "Tcp", h.rid());
        rows.network(dc.device, Time.ts(ms + 210), dc.lsass, "InboundConnectionAccepted", h.device.ip(), 49_152 + rnd.nextInt(16_000), null, 88, "Tcp", dc.rid());
    }

    private void userActivity(Host h, long ms) {
        boolean mac = h.device.kind() == DeviceKind.MAC_LAPTOP;
        if (!mac && rnd.nextInt(10) < 4) {
            Proc browser = h.apps.get(Catalog.CHROME);
            if (browser != null && rnd.nextInt(4) == 0) {
                start(h, Catalog.CHROME, '"' + Catalog.CHROME.path() + "\" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none",
                        ms - 500, browser);
            } else {
                start(h, rnd.nextBoolean() ? Catalog.RUNTIMEBROKER : Catalog.CONHOST, null, ms - 500, rnd.nextBoolean() ? h.svchosts[4] : h.explorer);
            }
        }
        String dept = org.user(h.owner.name()).department();
        boolean tech = dept.equals("IT") || dept.equals("Engineering");
        int r = rnd.nextInt(100);
        if (r < 34) {
            browse(h, ms, mac);
        } else if (r < 50) {
            if (mac) {
                browse(h, ms, true);
            } else {
                office(h, ms);
            }
        } else if (r < 64) {
            Proc outlook = app(h, mac ? Catalog.MAC_OUTLOOK : Catalog.OUTLOOK, ms);
            int k = 1 + rnd.nextInt(3);
            for (int i = 0; i < k; i++) {
                connect(h, ms + i * 700L, outlook, Web.MICROSOFT[rnd.nextInt(2) == 0 ? 0 : 7], 443);
            }
            if (!mac && rnd.nextInt(10) == 0) {
                String doc = docs[rnd.nextInt(docs.length)];
                rows.file(h.device, Time.ts(ms + 3_000), outlook, "FileCreated", doc,
                        h.ownerHome + "\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\" + h.device.deviceId().substring(0, 8).toUpperCase(Locale.ROOT) + '\\' + doc,
                        null, 30_000 + rnd.nextInt(900_000), null, null, null, null, h.rid());
            }
        } else if (r < 76) {
            Proc teams = app(h, mac ? Catalog.MAC_TEAMS : Catalog.TEAMS, ms);
            connect(h, ms, teams, Web.MICROSOFT[3], 443);
            if (rnd.nextInt(8) == 0) {
                rows.network(h.device, Time.ts(ms + 1_000), teams, "ConnectionSuccess", "52.113.194." + (130 + rnd.nextInt(20)), 3478 + rnd.nextInt(4),
                        null, 50_000 + rnd.nextInt(10_000), "Udp", h.rid());
            }
        } else if (r < 86 && !mac) {
            fileShare(h, ms);
        } else if (tech && !mac) {
            adminWork(h, ms, dept.equals("IT"));
        } else if (!mac && rnd.nextInt(12) == 0) {
            rareEvent(h, ms);
        } else if (!mac) {
            Binary b = switch (rnd.nextInt(4)) {
                case 0 -> Catalog.NOTEPAD;
                case 1 -> Catalog.ACROBAT;
                case 2 -> Catalog.SEVENZIP;
                default -> Catalog.EXCEL;
            };
            app(h, b, ms);
        } else {
            browse(h, ms, true);
        }
    }

    /** The occasional security-relevant but benign endpoint event analysts see every day. */
    private void rareEvent(Host h, long ms) {
        Proc outlook = h.apps.get(Catalog.OUTLOOK);
        switch (rnd.nextInt(5)) {
            case 0 -> {
                Web.Site site = Web.BROWSING[rnd.nextInt(Web.BROWSING.length)];
                rows.event(h.device, Time.ts(ms), outlook == null ? h.explorer : outlook, "BrowserLaunchedToOpenUrl", null, null, null, h.owner,
                        "https://" + site.url() + "/news", null, null, null, "{}", h.rid());
            }
            case 1 -> rows.event(h.device, Time.ts(ms), h.svchosts[7], "UsbDriveMounted", null, null, null, h.owner, null, null, null, null,
                    "{\"DriveLetter\":\"E:\",\"BusType\":7,\"ProductName\":\"Ultra USB 3.0\",\"Manufacturer\":\"SanDisk\",\"Volume\":\"\\\\?\\\\Volume{" + Ids.guid(rnd) + "}\"}", h.rid());
            case 2 -> rows.event(h.device, Time.ts(ms), h.apps.getOrDefault(Catalog.EDGE, h.explorer), "SmartScreenUrlWarning", null, null, null, h.owner,
                    "http://free-pdf-convert.example/download", null, null, null, "{\"Experience\":\"Untrusted\"}", h.rid());
            case 3 -> rows.event(h.device, Time.ts(ms), h.defender, "AntivirusDetection", downloads[5], null, null, null, null, null, null, null,
                    "{\"ThreatName\":\"PUA:Win32/Bundler\",\"WasRemediated\":true,\"Category\":\"PotentiallyUnwantedSoftware\"}", h.rid());
            default -> rows.event(h.device, Time.ts(ms), h.svchosts[0], "ScheduledTaskUpdated", null, null, null, Account.SYSTEM, null, null, null, null,
                    "{\"TaskName\":\"\\\\Microsoft\\\\Windows\\\\UpdateOrchestrator\\\\Schedule Scan\"}", h.rid());
        }
    }

    private void browse(Host h, long ms, boolean mac) {
        Binary b = mac ? (rnd.nextBoolean() ? Catalog.MAC_CHROME : Catalog.MAC_SAFARI) : (rnd.nextInt(3) == 0 ? Catalog.EDGE : Catalog.CHROME);
        Proc browser = app(h, b, ms);
        if (!mac && rnd.nextInt(4) == 0) {
            start(h, b, '"' + b.path() + "\" --type=renderer --lang=en-US --js-flags=--ms-user-locale= --renderer-client-id=" + (5 + rnd.nextInt(60)),
                    ms + 30, browser);
        }
        int k = 3 + rnd.nextInt(9);
        for (int i = 0; i < k; i++) {
            Web.Site site = rnd.nextInt(5) == 0 ? Web.MICROSOFT[rnd.nextInt(Web.MICROSOFT.length)] : Web.BROWSING[rnd.nextInt(Web.BROWSING.length)];
            connect(h, ms + i * 1_500L, browser, site, 443);
            if (!mac && rnd.nextInt(20) == 0) {
                rows.event(h.device, Time.ts(ms + i * 1_500L - 40), browser, "DnsQueryResponse", null, null, null, null, null, null, null, null,
                        "{\"DnsQueryString\":\"" + site.url() + "\",\"DnsQueryResult\":[{\"DnsQueryType\":\"A\",\"Address\":\"" + site.ip() + "\"}]}", h.rid());
            }
        }
        if (!mac && rnd.nextInt(14) == 0) {
            Binary dl = downloads[rnd.nextInt(downloads.length)];
            Web.Site site = Web.BROWSING[rnd.nextInt(Web.BROWSING.length)];
            rows.file(h.device, Time.ts(ms + 20_000), browser, "FileCreated", dl.fileName(), h.ownerHome + "\\Downloads\\" + dl.fileName(),
                    dl, dl.size(), "https://" + site.url() + "/downloads/" + dl.fileName(), site.ip(), null, null, h.rid());
        }
    }

    private void office(Host h, long ms) {
        int k = rnd.nextInt(docs.length);
        String doc = docs[k];
        Binary b = doc.endsWith("docx") ? Catalog.WINWORD : doc.endsWith("xlsx") ? Catalog.EXCEL : Catalog.POWERPNT;
        Proc p = app(h, b, ms);
        String folder = h.ownerHome + "\\OneDrive - Larkspur Logistics\\Documents\\";
        rows.file(h.device, Time.ts(ms + 60_000 + rnd.nextInt(600_000)), p, "FileModified", doc, folder + doc, null,
                20_000 + k * 9_173L + rnd.nextInt(5_000), null, null, null, null, h.rid());
        connect(h, ms + 500, p, Web.MICROSOFT[1], 443);
        if (rnd.nextInt(3) == 0) {
            String app = b == Catalog.WINWORD ? "Word" : b == Catalog.EXCEL ? "Excel" : "PowerPoint";
            rows.registry(h.device, Time.ts(ms + 800), p, "RegistryValueSet",
                    "HKEY_CURRENT_USER\\" + h.owner.sid() + "\\SOFTWARE\\Microsoft\\Office\\16.0\\" + app + "\\User MRU\\AD_" + h.owner.objectId() + "\\File MRU",
                    "Item 1", "RegSz", "[F00000000][T01DAF3A1B2C3D4E5][O00000000]*" + folder + doc, h.rid());
        }
    }

    private void fileShare(Host h, long ms) {
        String dept = org.user(h.owner.name()).department();
        String doc = docs[rnd.nextInt(docs.length)];
        rows.network(h.device, Time.ts(ms), h.system, "ConnectionSuccess", fs.device.ip(), 445, null, 49_152 + rnd.nextInt(16_000), "Tcp", h.rid());
        if (rnd.nextInt(3) == 0) {
            rows.network(fs.device, Time.ts(ms + 5), fs.system, "InboundConnectionAccepted", h.device.ip(), 49_152 + rnd.nextInt(16_000), null, 445, "Tcp", fs.rid());
            rows.logon(fs.device, Time.ts(ms + 8), fs.system, "LogonSuccess", "Network", h.owner, "Kerberos", null, false,
                    h.device.shortName(), h.device.ip(), 49_152 + rnd.nextInt(16_000), 5_000_000L + rnd.nextInt(90_000_000), fs.rid());
        }
        rows.remoteFile(fs.device, Time.ts(ms + 30_000), fs.system, rnd.nextInt(5) == 0 ? "FileCreated" : "FileModified", doc,
                "D:\\Shares\\" + dept + '\\' + doc, 25_000 + rnd.nextInt(2_000_000), h.owner, h.device.ip(), dept, null, null, fs.rid());
    }

    private void adminWork(Host h, long ms, boolean it) {
        if (it) {
            Proc shell = app(h, Catalog.POWERSHELL, ms);
            String cmd = IT_COMMANDS[rnd.nextInt(IT_COMMANDS.length)];
            if (cmd.startsWith("powershell")) {
                String cmdlet = cmd.contains("Get-ADUser") ? "Get-ADUser" : cmd.contains("Get-Service") ? "Get-Service" : "Test-NetConnection";
                rows.event(h.device, Time.ts(ms + 2_500), shell, "PowerShellCommand", null, null, null, h.owner, null, null, null, null,
                        "{\"Command\":\"" + cmdlet + "\"}", h.rid());
            }
            Binary b = cmd.startsWith("powershell") ? Catalog.POWERSHELL : cmd.startsWith("ipconfig") ? Catalog.IPCONFIG
                    : cmd.startsWith("whoami") ? Catalog.WHOAMI : cmd.startsWith("net ") ? Catalog.NET
                    : cmd.startsWith("gpupdate") ? Catalog.GPUPDATE : Catalog.CMD;
            start(h, b, cmd, ms + 2_000, shell);
            if (rnd.nextInt(4) == 0 && !winServers.isEmpty()) {
                Host target = winServers.get(rnd.nextInt(winServers.size()));
                Proc mstsc = start(h, Catalog.MSTSC, "\"C:\\Windows\\system32\\mstsc.exe\" /v:" + target.device.name(), ms + 5_000, h.explorer);
                rows.network(h.device, Time.ts(ms + 5_500), mstsc, "ConnectionSuccess", target.device.ip(), 3389, null, 49_152 + rnd.nextInt(16_000), "Tcp", h.rid());
                Account admin = Accounts.domain(org.user("adm-" + h.owner.name()));
                rows.logon(target.device, Time.ts(ms + 9_000), target.lsass, "LogonSuccess", "RemoteInteractive", admin, "Negotiate", null, true,
                        h.device.shortName(), h.device.ip(), 49_152 + rnd.nextInt(16_000), 7_000_000L + rnd.nextInt(90_000_000), target.rid());
            }
        } else {
            Proc code = app(h, Catalog.CODE, ms);
            Proc git = start(h, Catalog.GIT, GIT_COMMANDS[rnd.nextInt(GIT_COMMANDS.length)], ms + 1_000, code);
            connect(h, ms + 1_500, git, Web.DEV[0], 443);
            if (rnd.nextInt(3) == 0) {
                connect(h, ms + 9_000, h.apps.getOrDefault(Catalog.CHROME, git), Web.DEV[rnd.nextInt(Web.DEV.length)], 443);
            }
        }
    }

    // ---------------------------------------------------------------- background on every Windows device

    private static final String[] TEMP_FILES = {"\\AppData\\Local\\Temp\\", "\\AppData\\Local\\Microsoft\\Windows\\INetCache\\IE\\",
        "\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\Logs\\"};

    private void windowsBackground(Host h, long hs, int weight) {
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

    private void macBackground(Host h, long hs) {
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            long ms = at(hs);
            if (rnd.nextBoolean()) {
                Proc md = start(h, Catalog.MAC_MDWORKER, Catalog.MAC_MDWORKER.path() + " -s mdworker -c MDSImporterWorker -m com.apple.mdworker.shared", ms, h.root);
                rows.file(h.device, Time.ts(ms + 100), md, "FileModified", "store.db", "/private/var/db/Spotlight-V100/store.db", null, 1_000_000, null, null, null, null, h.rid());
            } else {
                connect(h, ms, h.root, Web.MAC[rnd.nextInt(Web.MAC.length)], 443);
            }
        }
    }

    // ---------------------------------------------------------------- servers

    private void windowsServerDay(Host h, long dayStart) {
        DeviceKind kind = h.device.kind();
        Proc role = switch (kind) {
            case DOMAIN_CONTROLLER -> child(Catalog.DNS, "C:\\Windows\\system32\\dns.exe", dayStart - Time.DAY, h.services);
            case MAIL_SERVER -> child(Catalog.TRANSPORT, "\"C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\MSExchangeTransport.exe\"", dayStart - Time.DAY, h.services);
            case FILE_SERVER -> child(Catalog.DFSRS, "C:\\Windows\\system32\\DFSRs.exe", dayStart - Time.DAY, h.services);
            default -> h.device.shortName().startsWith("sql")
                    ? child(Catalog.SQLSERVR, "\"C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe\" -sMSSQLSERVER", dayStart - Time.DAY, h.services)
                    : h.device.shortName().startsWith("print") ? child(Catalog.SPOOLSV, "C:\\Windows\\System32\\spoolsv.exe", dayStart - Time.DAY, h.services)
                    : child(Catalog.W3WP, "c:\\windows\\system32\\inetsrv\\w3wp.exe -ap \"DefaultAppPool\" -v \"v4.0\" -l \"webengine4.dll\"", dayStart - Time.DAY, h.services);
        };
        Proc edge = kind == DeviceKind.MAIL_SERVER ? child(Catalog.EDGETRANSPORT, "\"C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\EdgeTransport.exe\"", dayStart - Time.DAY, role) : null;
        for (int hour = 0; hour < 24; hour++) {
            long hs = dayStart + hour * Time.HOUR;
            int local = Time.localHour(hs, h.device.site().utcOffsetHours());
            boolean business = local >= 7 && local < 19 && Time.localWeekday(hs, h.device.site().utcOffsetHours()) < 5;
            windowsBackground(h, hs, 4);
            int n = poisson(business ? 45 : 18);
            for (int i = 0; i < n; i++) {
                long ms = at(hs);
                String peer = workstations.get(rnd.nextInt(workstations.size())).device.ip();
                switch (kind) {
                    case DOMAIN_CONTROLLER -> {
                        int port = switch (rnd.nextInt(4)) {
                            case 0 -> 88;
                            case 1 -> 389;
                            case 2 -> 445;
                            default -> 53;
                        };
                        rows.network(h.device, Time.ts(ms), port == 53 ? role : h.lsass, "InboundConnectionAccepted", peer, 49_152 + rnd.nextInt(16_000), null, port, port == 53 ? "Udp" : "Tcp", h.rid());
                        if (rnd.nextInt(3) == 0) {
                            Host ws = workstations.get(rnd.nextInt(workstations.size()));
                            if (ws.owner != null && ws.device.kind().isWindows()) {
                                rows.logon(h.device, Time.ts(ms + 3), h.lsass, "LogonSuccess", "Network", ws.owner, "Kerberos", null, false,
                                        ws.device.shortName(), ws.device.ip(), 49_152 + rnd.nextInt(16_000), 3_000_000L + rnd.nextInt(90_000_000), h.rid());
                            }
                        }
                    }
                    case MAIL_SERVER -> {
                        String ext = Web.INBOUND_CLIENTS[rnd.nextInt(Web.INBOUND_CLIENTS.length)];
                        switch (rnd.nextInt(3)) {
                            case 0 -> rows.network(h.device, Time.ts(ms), edge, "InboundConnectionAccepted", ext, 30_000 + rnd.nextInt(30_000), null, 25, "Tcp", h.rid());
                            case 1 -> rows.network(h.device, Time.ts(ms), edge, "ConnectionSuccess", ext, 25, null, 49_152 + rnd.nextInt(16_000), "Tcp", h.rid());
                            default -> rows.network(h.device, Time.ts(ms), role, "InboundConnectionAccepted", business ? peer : ext, 49_152 + rnd.nextInt(16_000), null, 443, "Tcp", h.rid());
                        }
                    }
                    case FILE_SERVER -> rows.network(h.device, Time.ts(ms), h.system, "InboundConnectionAccepted", peer, 49_152 + rnd.nextInt(16_000), null, 445, "Tcp", h.rid());
                    default -> {
                        boolean sql = role.bin() == Catalog.SQLSERVR;
                        String from = sql && !winServers.isEmpty() ? winServers.get(rnd.nextInt(winServers.size())).device.ip()
                                : h.device.internetFacing() ? Web.INBOUND_CLIENTS[rnd.nextInt(Web.INBOUND_CLIENTS.length)] : peer;
                        rows.network(h.device, Time.ts(ms), role, "InboundConnectionAccepted", from, 49_152 + rnd.nextInt(16_000), null,
                                sql ? 1433 : role.bin() == Catalog.SPOOLSV ? 445 : 443, "Tcp", h.rid());
                    }
                }
            }
            if (kind == DeviceKind.FILE_SERVER && local == 1) {
                Account backup = Accounts.domain(org.user("svc_backup"));
                rows.logon(h.device, Time.ts(hs + 60_000), h.lsass, "LogonSuccess", "Network", backup, "Kerberos", null, true,
                        "backup01", backupIp(), 49_152 + rnd.nextInt(16_000), 4_000_000L + rnd.nextInt(90_000_000), h.rid());
            }
        }
    }

    private String backupIp() {
        for (Host h : winServers) {
            if (h.device.shortName().equals("backup01")) {
                return h.device.ip();
            }
        }
        return dc.device.ip();
    }

    private void linuxDay(Host h, long dayStart) {
        Proc cron = child(Catalog.CRON, "/usr/sbin/cron -f -P", dayStart - Time.DAY, h.root);
        Proc sshd = child(Catalog.SSHD, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", dayStart - Time.DAY, h.root);
        String name = h.device.shortName();
        Proc service = name.contains("web") || name.contains("proxy") ? child(Catalog.NGINX, "nginx: worker process", dayStart - Time.DAY, h.root)
                : name.contains("db") ? child(Catalog.POSTGRES, "/usr/lib/postgresql/14/bin/postgres -D /var/lib/postgresql/14/main", dayStart - Time.DAY, h.root)
                : name.contains("k8s") ? child(Catalog.KUBELET, "/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml", dayStart - Time.DAY, h.root)
                : child(Catalog.DOCKERD, "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock", dayStart - Time.DAY, h.root);
        for (int hour = 0; hour < 24; hour++) {
            long hs = dayStart + hour * Time.HOUR;
            for (int m = 0; m < 60; m += 5) {
                long ms = hs + m * Time.MINUTE + rnd.nextInt(900);
                Proc sh = start(h, Catalog.SH, "/bin/sh -c /usr/local/bin/collect-metrics.sh", ms, cron);
                Proc py = start(h, Catalog.PYTHON, "python3 /usr/local/lib/collect_metrics.py --push lnx-mon01:9091", ms + 40, sh);
                rows.network(h.device, Time.ts(ms + 300), py, "ConnectionSuccess", "10.0.1.10", 9091, null, 40_000 + rnd.nextInt(20_000), "Tcp", h.rid());
            }
            int local = Time.localHour(hs, h.device.site().utcOffsetHours());
            if (local == 6) {
                Proc sh = start(h, Catalog.SH, "/bin/sh -c \"test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )\"", hs + 1_500_000, cron);
                Proc apt = start(h, Catalog.APT, "apt-get -qq update", hs + 1_501_000, sh);
                connect(h, hs + 1_502_000, apt, Web.LINUX[rnd.nextInt(2)], 80);
                start(h, Catalog.LOGROTATE, "/usr/sbin/logrotate /etc/logrotate.conf", hs + 1_503_000, sh);
            }
            int n = poisson(h.device.internetFacing() ? 25 : 10);
            for (int i = 0; i < n; i++) {
                long ms = at(hs);
                if (h.device.internetFacing()) {
                    rows.network(h.device, Time.ts(ms), service, "InboundConnectionAccepted", Web.INBOUND_CLIENTS[rnd.nextInt(Web.INBOUND_CLIENTS.length)],
                            40_000 + rnd.nextInt(20_000), null, 443, "Tcp", h.rid());
                } else {
                    connect(h, ms, service, Web.LINUX[2 + rnd.nextInt(Web.LINUX.length - 2)], 443);
                }
            }
            if (local >= 9 && local < 17 && rnd.nextInt(6) == 0) {
                sshSession(h, at(hs), sshd);
            }
        }
    }

    private void sshSession(Host h, long ms, Proc sshd) {
        DemoUser admin = org.people().stream().filter(u -> u.department().equals("IT") || u.department().equals("Engineering"))
                .skip(rnd.nextInt(4)).findFirst().orElse(org.people().get(0));
        Account local = new Account(null, admin.samAccountName(), null, null, null);
        Host from = workstations.get(Math.floorMod(admin.samAccountName().hashCode(), workstations.size()));
        rows.logon(h.device, Time.ts(ms), sshd, "LogonSuccess", "Network", local, "ssh", null, false, null, from.device.ip(),
                49_152 + rnd.nextInt(16_000), 0, h.rid());
        Proc session = new Proc(Catalog.SSHD, Host.pid(rnd), "sshd: " + admin.samAccountName() + "@pts/0", Time.ts(ms + 200), local, null, null, 0, 0, sshd);
        Proc bash = start(h, Catalog.BASH, "-bash", ms + 400, session);
        String[] cmds = {"sudo systemctl status nginx", "tail -n 200 /var/log/syslog", "df -h", "sudo apt-get upgrade -y", "docker ps"};
        int k = 1 + rnd.nextInt(3);
        for (int i = 0; i < k; i++) {
            String c = cmds[rnd.nextInt(cmds.length)];
            start(h, c.startsWith("sudo") ? Catalog.SUDO : Catalog.SH, c, ms + 5_000 + i * 20_000L, bash);
        }
    }
}
