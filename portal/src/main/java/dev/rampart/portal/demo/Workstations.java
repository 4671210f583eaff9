package dev.rampart.portal.demo;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/** A working day on laptops and desktops: sign-in, browsing, Office, mail, Teams, file shares, admin and developer work. */
final class Workstations extends Activity {
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

    private final String[] docs;
    private final Binary[] downloads;

    Workstations(DemoOrganisation org, DeviceRows rows, Fleet fleet) {
        super(org, rows, fleet);
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

    void day(Host h, long dayStart) {
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
}
