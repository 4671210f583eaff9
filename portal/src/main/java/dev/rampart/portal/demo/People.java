package dev.rampart.portal.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benign identity, e-mail and cloud-app activity of every person for one day: AD Kerberos logons and LDAP
 * queries seen by the domain controller, Entra sign-ins, mail in and out with attachments and links, and
 * SharePoint/OneDrive/Teams/Exchange/Salesforce/GitHub/AWS activity matching the person's department.
 */
final class People {
    private static final String[] PARTNERS = {"bluewhale-shipping.example", "northgate-supplies.example", "harbor-customs.example",
        "meridian-insurance.example", "fleetparts.example", "oakridge-bank.example", "tradewinds-freight.example",
        "summit-consulting.example", "newsletter.logisticsweekly.example", "alerts.carrierportal.example"};
    private static final String[] SUBJECTS = {"Shipment update", "Re: Delivery schedule", "Invoice attached", "Weekly report",
        "Meeting notes", "Re: Rate confirmation", "Customs documents", "Fw: Container tracking", "Quarterly review",
        "Team lunch Friday", "Re: Quote request", "Updated route plan", "Proof of delivery", "Action required: timesheet",
        "Re: Warehouse capacity", "Newsletter: logistics trends"};
    private static final String[] ATTACH = {"invoice.pdf", "manifest.xlsx", "pod_scan.pdf", "rates.xlsx", "notes.docx", "photo.jpg"};

    private final DemoOrganisation org;
    private final CloudRows rows;
    private final List<DemoUser> people;
    private final Map<String, DemoDevice> deviceOf = new HashMap<>();
    private final List<DemoDevice> dcs;
    private final DemoDevice fs;
    private final List<DemoUser> it = new ArrayList<>();
    private SplittableRandom rnd;
    /** Draws for what happens after delivery (clicks, ZAP): separate, so adding them left the mail itself unchanged. */
    private SplittableRandom after;

    People(DemoOrganisation org, CloudRows rows) {
        this.org = org;
        this.rows = rows;
        this.people = org.people();
        for (DemoDevice d : org.devices()) {
            if (d.primaryUser() != null) {
                deviceOf.putIfAbsent(d.primaryUser(), d);
            }
        }
        dcs = org.devices(DeviceKind.DOMAIN_CONTROLLER);
        fs = org.first(DeviceKind.FILE_SERVER);
        for (DemoUser u : people) {
            if (u.department().equals("IT")) {
                it.add(u);
            }
        }
    }

    void day(long dayStart, SplittableRandom rnd, SplittableRandom after) {
        this.rnd = rnd;
        this.after = after;
        for (DemoUser u : people) {
            int offset = u.site().utcOffsetHours();
            long localMidnight = dayStart - offset * Time.HOUR;
            boolean weekend = Time.localWeekday(dayStart + 12 * Time.HOUR, offset) >= 5;
            boolean works = weekend ? rnd.nextInt(100) < 8 : rnd.nextInt(100) >= 6;
            int inbound = works ? 8 + rnd.nextInt(14) : rnd.nextInt(4);
            for (int i = 0; i < inbound; i++) {
                inboundMail(u, localMidnight + Time.HOUR * (works ? 6 + rnd.nextInt(13) : rnd.nextInt(24)) + rnd.nextLong(Time.HOUR));
            }
            if (!works) {
                continue;
            }
            long from = localMidnight + Time.HOUR * 8;
            DemoDevice device = deviceOf.get(u.samAccountName());
            int outbound = 2 + rnd.nextInt(6);
            for (int i = 0; i < outbound; i++) {
                outboundMail(u, from + rnd.nextLong(9 * Time.HOUR));
            }
            int signIns = 1 + rnd.nextInt(3);
            for (int i = 0; i < signIns; i++) {
                CloudRows.App app = i == 0 ? CloudRows.EXCHANGE : i == 1 ? CloudRows.SHAREPOINT : CloudRows.TEAMS;
                rows.signIn(rnd, Time.ts(from + rnd.nextLong(9 * Time.HOUR)), app, u, device, u.site().publicIp(), u.site().countryCode(),
                        u.site().city(), rnd.nextInt(60) == 0 ? 50126 : 0, rnd.nextInt(4) == 0, 1);
            }
            int acts = 6 + rnd.nextInt(14);
            for (int i = 0; i < acts; i++) {
                cloudActivity(u, from + rnd.nextLong(9 * Time.HOUR));
            }
            if (device != null && device.kind().isWindows()) {
                directoryActivity(u, device, from);
            }
        }
        if (!it.isEmpty() && rnd.nextInt(2) == 0) {
            DemoUser actor = it.get(rnd.nextInt(it.size()));
            DemoUser admin = org.user("adm-" + actor.samAccountName());
            DemoUser target = people.get(rnd.nextInt(people.size()));
            rows.directory(rnd, Time.ts(dayStart + 15 * Time.HOUR + rnd.nextLong(Time.HOUR)), "Group Membership changed", admin, target,
                    deviceOf.get(actor.samAccountName()), dcs.get(0),
                    "{\"TO.GROUP\":\"" + target.department() + " Share Users\",\"ACTOR.ACCOUNT\":\"" + admin.samAccountName() + "\"}");
        }
    }

    private void inboundMail(DemoUser u, long ms) {
        boolean internal = rnd.nextInt(100) < 45;
        String nmi = Ids.guid(rnd);
        String subject = SUBJECTS[rnd.nextInt(SUBJECTS.length)];
        boolean hasAttachment = rnd.nextInt(5) == 0;
        int urls = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2) : 0;
        String sender;
        String senderName;
        String senderObject = null;
        String ip;
        String direction;
        String action = "Delivered";
        String location = "Inbox/Folder";
        String threat = null;
        if (internal) {
            DemoUser from = people.get(rnd.nextInt(people.size()));
            sender = from.email();
            senderName = from.displayName();
            senderObject = from.objectId();
            ip = null;
            direction = "Intra-org";
        } else {
            String domain = PARTNERS[rnd.nextInt(PARTNERS.length)];
            sender = (rnd.nextBoolean() ? "info@" : "notifications@") + domain;
            senderName = domain.substring(0, domain.indexOf('.'));
            ip = Web.INBOUND_CLIENTS[rnd.nextInt(Web.INBOUND_CLIENTS.length)];
            direction = "Inbound";
            if (rnd.nextInt(25) == 0) {
                action = "Junked";
                location = "Junk";
                threat = "Spam";
            } else if (rnd.nextInt(150) == 0) {
                action = "Blocked";
                location = "Quarantine";
                threat = "Phish";
                sender = "security-alert@micros0ft-support.example";
                senderName = "Microsoft Account Team";
            }
        }
        // A few partner attachments turn out to carry malware and are blocked at the gateway.
        if (!internal && hasAttachment && action.equals("Delivered") && after.nextInt(60) == 0) {
            action = "Blocked";
            location = "Quarantine";
            threat = "Malware";
        }
        rows.email(rnd, Time.ts(ms), nmi, sender, senderName, senderObject, ip, u, null, subject, direction, action, location, threat,
                hasAttachment ? 1 : 0, urls);
        if (hasAttachment) {
            String file = ATTACH[rnd.nextInt(ATTACH.length)];
            rows.attachment(rnd, Time.ts(ms), nmi, sender, senderName, u, file, Ids.sha256(sender + file), 20_000 + rnd.nextInt(900_000));
        }
        for (int i = 0; i < urls; i++) {
            String domain = internal ? "larkspur.sharepoint.com" : sender.substring(sender.indexOf('@') + 1);
            String url = "https://" + domain + "/docs/" + (1000 + rnd.nextInt(9000));
            rows.url(rnd, Time.ts(ms), nmi, url);
            if (action.equals("Delivered") && after.nextInt(4) == 0) {
                rows.click(after, Time.ts(ms + 60_000 + after.nextLong(4 * Time.HOUR)), url, u, nmi, u.site().publicIp());
            }
        }
        // Zero-hour auto purge: mail judged spam or phish after delivery is moved out of the inbox.
        if (!internal && action.equals("Delivered") && after.nextInt(120) == 0) {
            boolean phish = after.nextInt(3) == 0;
            rows.postDelivery(after, Time.ts(ms + 20 * 60_000 + after.nextLong(6 * Time.HOUR)), nmi, u, phish ? "Phish ZAP" : "Spam ZAP",
                    phish ? "Moved to quarantine" : "Moved to junk folder", phish ? "Quarantine" : "Junk folder", phish ? "Phish" : "Spam");
        }
    }

    private void outboundMail(DemoUser u, long ms) {
        String nmi = Ids.guid(rnd);
        String domain = PARTNERS[rnd.nextInt(PARTNERS.length - 2)];
        String to = (rnd.nextBoolean() ? "sales@" : "ops@") + domain;
        rows.email(rnd, Time.ts(ms), nmi, u.email(), u.displayName(), u.objectId(), u.site().publicIp(), null, to,
                "Re: " + SUBJECTS[rnd.nextInt(SUBJECTS.length)], "Outbound", "Delivered", "On-premises/External", null, 0, 0);
    }

    private void cloudActivity(DemoUser u, long ms) {
        String ip = u.site().publicIp();
        String cc = u.site().countryCode();
        String city = u.site().city();
        String isp = "Larkspur Logistics";
        String dept = u.department();
        int r = rnd.nextInt(100);
        if (r < 30) {
            String doc = "https://larkspur.sharepoint.com/sites/" + dept.replace(" ", "") + "/Shared Documents/Report " + (1 + rnd.nextInt(40)) + ".xlsx";
            String action = switch (rnd.nextInt(3)) {
                case 0 -> "FileDownloaded";
                case 1 -> "FileUploaded";
                default -> "FilePreviewed";
            };
            rows.cloud(rnd, Time.ts(ms), rnd.nextBoolean() ? CloudRows.SHAREPOINT : CloudRows.ONEDRIVE, action, "Read", u, ip, cc, city, isp,
                    doc, "File", "{\"Operation\":\"" + action + "\",\"ObjectId\":" + CloudRows.json(doc) + ",\"UserId\":\"" + u.upn() + "\"}", false);
        } else if (r < 55) {
            rows.cloud(rnd, Time.ts(ms), CloudRows.TEAMS, rnd.nextInt(4) == 0 ? "ReactedToMessage" : "MessageSent", "Create", u, ip, cc, city, isp,
                    "19:meeting_" + Ids.hex(rnd.nextLong(), 12) + "@thread.v2", "Teams chat",
                    "{\"Operation\":\"MessageSent\",\"UserId\":\"" + u.upn() + "\",\"Workload\":\"MicrosoftTeams\"}", false);
        } else if (r < 75) {
            rows.cloud(rnd, Time.ts(ms), CloudRows.EXCHANGE, "MailItemsAccessed", "Read", u, ip, cc, city, isp, u.email(), "Mailbox",
                    "{\"Operation\":\"MailItemsAccessed\",\"MailboxOwnerUPN\":\"" + u.upn() + "\",\"ClientInfoString\":\"Client=OUTLOOK.EXE\",\"OperationCount\":" + (1 + rnd.nextInt(30)) + "}", false);
        } else if (dept.equals("Sales") || dept.equals("Customer Service")) {
            String action = rnd.nextInt(5) == 0 ? "Report export" : "Login";
            rows.cloud(rnd, Time.ts(ms), CloudRows.SALESFORCE, action, action.equals("Login") ? "Login" : "Read", u, ip, cc, city, isp,
                    action.equals("Login") ? u.upn() : "Pipeline by Region", action.equals("Login") ? "Account" : "Report",
                    "{\"EventType\":\"" + action + "\",\"Username\":\"" + u.upn() + "\"}", false);
        } else if (dept.equals("Engineering")) {
            String action = switch (rnd.nextInt(3)) {
                case 0 -> "git.clone";
                case 1 -> "git.push";
                default -> "repo.access";
            };
            rows.cloud(rnd, Time.ts(ms), CloudRows.GITHUB, action, "Read", u, ip, cc, city, isp, "larkspur/route-optimizer", "Repository",
                    "{\"action\":\"" + action + "\",\"repo\":\"larkspur/route-optimizer\",\"actor\":\"" + u.samAccountName() + "\"}", false);
        } else if (dept.equals("IT")) {
            String action = rnd.nextBoolean() ? "ConsoleLogin" : "DescribeInstances";
            rows.cloud(rnd, Time.ts(ms), CloudRows.AWS, action, action.equals("ConsoleLogin") ? "Login" : "Read", u, ip, cc, city, isp,
                    "arn:aws:iam::418276553190:user/" + u.samAccountName(), "Account",
                    "{\"eventName\":\"" + action + "\",\"eventSource\":\"signin.amazonaws.com\",\"awsRegion\":\"us-east-1\"}", true);
        } else {
            rows.cloud(rnd, Time.ts(ms), CloudRows.ONEDRIVE, "FileSyncUploadedFull", "Create", u, ip, cc, city, isp,
                    "https://larkspur-my.sharepoint.com/personal/" + u.samAccountName() + "/Documents/Notes.docx", "File",
                    "{\"Operation\":\"FileSyncUploadedFull\",\"UserId\":\"" + u.upn() + "\"}", false);
        }
    }

    private void directoryActivity(DemoUser u, DemoDevice device, long from) {
        DemoDevice dc = dcs.get(rnd.nextInt(dcs.size()));
        int logons = 2 + rnd.nextInt(4);
        for (int i = 0; i < logons; i++) {
            String target = switch (rnd.nextInt(3)) {
                case 0 -> fs.name();
                case 1 -> org.first(DeviceKind.MAIL_SERVER).name();
                default -> dc.name();
            };
            boolean failed = rnd.nextInt(40) == 0;
            rows.identityLogon(rnd, Time.ts(from + rnd.nextLong(9 * Time.HOUR)), failed ? "LogonFailed" : "LogonSuccess",
                    failed ? "Failed Logon" : i == 0 ? "Credentials Validation (type 2)" : "Resource Access (type 3)", "Kerberos",
                    failed ? "WrongPassword" : null, u, device, device.ip(), dc, target);
        }
        if (rnd.nextInt(3) == 0) {
            DemoUser target = people.get(rnd.nextInt(people.size()));
            rows.identityQuery(rnd, Time.ts(from + rnd.nextLong(9 * Time.HOUR)), "LDAP query", "QueryUser", target.samAccountName(),
                    "(&(objectCategory=person)(objectClass=user)(sAMAccountName=" + target.samAccountName() + "))", "Ldap", u, device, dc, target);
        }
        if (rnd.nextInt(4) == 0) {
            rows.identityQuery(rnd, Time.ts(from + rnd.nextLong(9 * Time.HOUR)), "DNS query", "A", fs.name(), fs.name(), "Dns", u, device, dc, null);
        }
        if (rnd.nextInt(150) == 0) {
            rows.directory(rnd, Time.ts(from + rnd.nextLong(9 * Time.HOUR)), "Account Password changed", u, u, device, dc,
                    "{\"TARGET_OBJECT.USER\":\"" + u.samAccountName() + "\"}");
        }
    }
}
