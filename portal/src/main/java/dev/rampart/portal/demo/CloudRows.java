package dev.rampart.portal.demo;

import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Writes rows of the identity, e-mail and cloud-app tables. Each method returns the row's ReportId so scenario
 * code can record exactly which rows make up an attack step.
 */
final class CloudRows {
    static final String AD = "Active Directory";
    static final String UA_CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36";

    /** A cloud application: its Defender for Cloud Apps id and the Entra resource users sign in to. */
    record App(String name, int id, String resource, String resourceId) {
    }

    static final App EXCHANGE = new App("Microsoft Exchange Online", 20893, "Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000");
    static final App SHAREPOINT = new App("Microsoft SharePoint Online", 20892, "Office 365 SharePoint Online", "00000003-0000-0ff1-ce00-000000000000");
    static final App ONEDRIVE = new App("Microsoft OneDrive for Business", 15600, "Office 365 SharePoint Online", "00000003-0000-0ff1-ce00-000000000000");
    static final App TEAMS = new App("Microsoft Teams", 28375, "Microsoft Teams Services", "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe");
    static final App SALESFORCE = new App("Salesforce", 11114, "Salesforce", "8f1c5f4a-0d2c-4d7a-9c51-2b1f3f0a6e10");
    static final App GITHUB = new App("GitHub", 11116, "GitHub Enterprise Cloud", "4c6a8f71-3b61-4f0b-8f0f-6b0a2d7f8c21");
    static final App AWS = new App("Amazon Web Services", 11599, "AWS Single-Account Access", "2f1d9e44-7a1b-4c3e-a2a7-5d4c9b8e1f32");

    private final Shapes s;
    private final RowSink sink;
    private final DemoOrganisation org;

    CloudRows(Shapes s, RowSink sink, DemoOrganisation org) {
        this.s = s;
        this.sink = sink;
        this.org = org;
    }

    /** One EmailEvents row per recipient; returns its ReportId. */
    String email(SplittableRandom rnd, LocalDateTime ts, String networkMessageId, String senderAddress, String senderName,
                 String senderObjectId, String senderIp, DemoUser recipient, String recipientAddress, String subject,
                 String direction, String deliveryAction, String deliveryLocation, String threatTypes, int attachments, int urls) {
        String reportId = Ids.guid(rnd);
        String senderDomain = senderAddress.substring(senderAddress.indexOf('@') + 1);
        new Row(s.email).set("Timestamp", ts).set("NetworkMessageId", networkMessageId)
                .set("InternetMessageId", "<" + networkMessageId.substring(0, 18) + '@' + senderDomain + '>')
                .set("SenderMailFromAddress", senderAddress).set("SenderFromAddress", senderAddress)
                .set("SenderDisplayName", senderName).set("SenderObjectId", senderObjectId)
                .set("SenderMailFromDomain", senderDomain).set("SenderFromDomain", senderDomain).set("SenderIPv4", senderIp)
                .set("RecipientEmailAddress", recipient == null ? recipientAddress : recipient.email())
                .set("RecipientObjectId", recipient == null ? null : recipient.objectId())
                .set("Subject", subject).set("EmailClusterId", Ids.of(subject) & 0xffffffffL).set("EmailDirection", direction)
                .set("DeliveryAction", deliveryAction).set("DeliveryLocation", deliveryLocation).set("ThreatTypes", threatTypes)
                .set("DetectionMethods", threatTypes == null ? null : "{\"" + threatTypes + "\":[\"Advanced filter\"]}")
                .set("ConfidenceLevel", threatTypes == null ? "{\"Phish\":null,\"Spam\":null}"
                        : threatTypes.equals("Phish") ? "{\"Phish\":\"High\",\"Spam\":null}" : "{\"Phish\":null,\"Spam\":\"High\"}")
                .set("BulkComplaintLevel", 0).set("AttachmentCount", attachments).set("UrlCount", urls)
                .set("AuthenticationDetails", "{\"SPF\":\"pass\",\"DKIM\":\"pass\",\"DMARC\":\"pass\",\"CompAuth\":\"pass\"}")
                .set("EmailLanguage", "en").set("OrgLevelAction", threatTypes == null ? null : "MoveToJmf")
                .set("ReportId", reportId).set("AdditionalFields", "{}")
                .set("LatestDeliveryLocation", deliveryLocation).set("LatestDeliveryAction", deliveryAction)
                .emit(sink);
        return reportId;
    }

    String attachment(SplittableRandom rnd, LocalDateTime ts, String networkMessageId, String sender, String senderName,
                      DemoUser recipient, String fileName, String sha256, long size) {
        String reportId = Ids.guid(rnd);
        new Row(s.attachment).set("Timestamp", ts).set("NetworkMessageId", networkMessageId).set("SenderFromAddress", sender)
                .set("SenderDisplayName", senderName).set("RecipientEmailAddress", recipient.email())
                .set("RecipientObjectId", recipient.objectId()).set("FileName", fileName)
                .set("FileType", fileName.substring(fileName.lastIndexOf('.') + 1)).set("SHA256", sha256).set("FileSize", size)
                .set("ReportId", reportId).emit(sink);
        return reportId;
    }

    String url(SplittableRandom rnd, LocalDateTime ts, String networkMessageId, String url) {
        String reportId = Ids.guid(rnd);
        int start = url.indexOf("://") + 3;
        int end = url.indexOf('/', start);
        new Row(s.emailUrl).set("Timestamp", ts).set("NetworkMessageId", networkMessageId).set("Url", url)
                .set("UrlDomain", url.substring(start, end < 0 ? url.length() : end)).set("UrlLocation", "Body")
                .set("ReportId", reportId).emit(sink);
        return reportId;
    }

    /** A user clicking a link in a mail, as Safe Links records it. */
    String click(SplittableRandom rnd, LocalDateTime ts, String url, DemoUser user, String networkMessageId, String ip) {
        String reportId = Ids.guid(rnd);
        new Row(s.urlClick).set("Timestamp", ts).set("Url", url).set("ActionType", "ClickAllowed").set("AccountUpn", user.upn())
                .set("Workload", "Email").set("NetworkMessageId", networkMessageId).set("IPAddress", ip).set("IsClickedThrough", false)
                .set("UrlChain", "[" + json(url) + "]").set("ReportId", reportId).emit(sink);
        return reportId;
    }

    /** An action taken on a mail after delivery (ZAP, admin remediation). */
    String postDelivery(SplittableRandom rnd, LocalDateTime ts, String networkMessageId, DemoUser recipient, String actionType,
                        String action, String location, String threat) {
        String reportId = Ids.guid(rnd);
        new Row(s.postDelivery).set("Timestamp", ts).set("NetworkMessageId", networkMessageId)
                .set("InternetMessageId", "<" + networkMessageId.substring(0, 18) + "@mail.example>").set("Action", action)
                .set("ActionType", actionType).set("ActionTrigger", "SpecialAction").set("ActionResult", "Success")
                .set("RecipientEmailAddress", recipient.email()).set("DeliveryLocation", location).set("ThreatTypes", threat)
                .set("DetectionMethods", "{\"" + threat + "\":[\"Advanced filter\"]}").set("ReportId", reportId).emit(sink);
        return reportId;
    }

    /** A Defender for Cloud Apps activity; {@code rawEventData} must be JSON text. */
    String cloud(SplittableRandom rnd, LocalDateTime ts, App app, String action, String activityType, DemoUser user,
                 String ip, String countryCode, String city, String isp, String objectName, String objectType,
                 String rawEventData, boolean admin) {
        String reportId = Ids.guid(rnd);
        new Row(s.cloudApp).set("Timestamp", ts).set("ActionType", action).set("Application", app.name())
                .set("ApplicationId", app.id()).set("AccountObjectId", user.objectId()).set("AccountId", user.objectId())
                .set("AccountDisplayName", user.displayName()).set("IsAdminOperation", admin).set("DeviceType", "Desktop")
                .set("OSPlatform", "Windows 10").set("IPAddress", ip).set("IsAnonymousProxy", false).set("CountryCode", countryCode)
                .set("City", city).set("Isp", isp).set("UserAgent", UA_CHROME).set("ActivityType", activityType)
                .set("ActivityObjects", "[{\"Type\":\"" + objectType + "\",\"Name\":" + json(objectName) + "}]")
                .set("ObjectName", objectName).set("ObjectType", objectType).set("ReportId", reportId).set("AccountType", admin ? "Admin" : "Regular")
                .set("IsExternalUser", false).set("IsImpersonated", false).set("IPCategory", isp.startsWith("Larkspur") ? "Corporate" : null)
                .set("RawEventData", rawEventData).set("AdditionalFields", "{}").set("UncommonForUser", "[]")
                .emit(sink);
        return reportId;
    }

    /** An Entra interactive sign-in, written to EntraIdSignInEvents and its predecessor AADSignInEventsBeta. */
    String signIn(SplittableRandom rnd, LocalDateTime ts, App app, DemoUser user, DemoDevice device, String ip, String country,
                  String city, int errorCode, boolean mfa, int riskLevel) {
        String reportId = Ids.guid(rnd);
        String deviceId = device == null ? null : Ids.guid("entra-device:" + device.deviceId());
        Row r = new Row(s.signIn).set("Timestamp", ts).set("Application", "Microsoft Office").set("ApplicationId", "d3590ed6-52b3-4102-aeff-aad2292ab01c")
                .set("LogonType", "[\"interactiveUser\"]").set("ErrorCode", errorCode).set("CorrelationId", Ids.guid(rnd))
                .set("SessionId", Ids.guid(rnd)).set("AccountDisplayName", user.displayName()).set("AccountObjectId", user.objectId())
                .set("AccountUpn", user.upn()).set("IsExternalUser", 0).set("IsGuestUser", false)
                .set("ResourceDisplayName", app.resource()).set("ResourceId", app.resourceId()).set("ResourceTenantId", org.tenantId())
                .set("DeviceName", device == null ? null : device.name()).set("EntraIdDeviceId", deviceId)
                .set("OSPlatform", device == null ? "Windows10" : device.osPlatform())
                .set("DeviceTrustType", device == null ? null : "ServerAd").set("IsManaged", device == null ? 0 : 1)
                .set("IsCompliant", device == null ? 0 : 1)
                .set("AuthenticationRequirement", mfa ? "multiFactorAuthentication" : "singleFactorAuthentication")
                .set("TokenIssuerType", 0).set("RiskLevelAggregated", riskLevel).set("RiskState", riskLevel > 1 ? 4 : 0)
                .set("UserAgent", UA_CHROME).set("ClientAppUsed", "Browser").set("Browser", "Chrome 127.0.0")
                .set("ConditionalAccessStatus", device == null ? 2 : 0).set("IPAddress", ip).set("Country", country).set("City", city)
                .set("RequestId", Ids.guid(rnd)).set("ReportId", reportId);
        r.emit(sink);
        r.copyTo(s.signInBeta).set("AadDeviceId", deviceId).emit(sink);
        return reportId;
    }

    String identityLogon(SplittableRandom rnd, LocalDateTime ts, String action, String logonType, String protocol, String failure,
                         DemoUser user, DemoDevice source, String sourceIp, DemoDevice dc, String target) {
        String reportId = Ids.guid(rnd);
        new Row(s.identityLogon).set("Timestamp", ts).set("ActionType", action).set("Application", AD)
                .set("LogonType", logonType).set("Protocol", protocol).set("FailureReason", failure)
                .set("AccountName", user.samAccountName()).set("AccountDomain", DemoOrganisation.DNS_DOMAIN)
                .set("AccountUpn", user.upn()).set("AccountSid", user.sid()).set("AccountObjectId", user.objectId())
                .set("AccountDisplayName", user.displayName()).set("DeviceName", source == null ? null : source.name())
                .set("DeviceType", source == null ? null : source.kind().isServer() ? "Server" : "Workstation")
                .set("OSPlatform", source == null ? null : source.osPlatform()).set("IPAddress", sourceIp)
                .set("Port", 49_152 + rnd.nextInt(16_000)).set("DestinationDeviceName", dc.name())
                .set("DestinationIPAddress", dc.ip()).set("DestinationPort", "Ntlm".equals(protocol) ? 445 : 88)
                .set("TargetDeviceName", target).set("ReportId", reportId).set("AdditionalFields", "{}").emit(sink);
        return reportId;
    }

    String identityQuery(SplittableRandom rnd, LocalDateTime ts, String action, String queryType, String queryTarget, String query,
                         String protocol, DemoUser user, DemoDevice source, DemoDevice dc, DemoUser target) {
        String reportId = Ids.guid(rnd);
        new Row(s.identityQuery).set("Timestamp", ts).set("ActionType", action).set("Application", AD)
                .set("QueryType", queryType).set("QueryTarget", queryTarget).set("Query", query).set("Protocol", protocol)
                .set("AccountName", user.samAccountName()).set("AccountDomain", DemoOrganisation.DNS_DOMAIN).set("AccountUpn", user.upn())
                .set("AccountSid", user.sid()).set("AccountObjectId", user.objectId()).set("AccountDisplayName", user.displayName())
                .set("DeviceName", source.name()).set("IPAddress", source.ip()).set("Port", 49_152 + rnd.nextInt(16_000))
                .set("DestinationDeviceName", dc.name()).set("DestinationIPAddress", dc.ip())
                .set("DestinationPort", "Ldap".equals(protocol) ? 389 : "Dns".equals(protocol) ? 53 : 445)
                .set("TargetAccountUpn", target == null ? null : target.upn())
                .set("TargetAccountDisplayName", target == null ? null : target.displayName())
                .set("ReportId", reportId).set("AdditionalFields", "{}").emit(sink);
        return reportId;
    }

    String directory(SplittableRandom rnd, LocalDateTime ts, String action, DemoUser actor, DemoUser target, DemoDevice source,
                     DemoDevice dc, String additionalFields) {
        String reportId = Ids.guid(rnd);
        new Row(s.identityDirectory).set("Timestamp", ts).set("ActionType", action).set("Application", AD)
                .set("TargetAccountUpn", target == null ? null : target.upn())
                .set("TargetAccountDisplayName", target == null ? null : target.displayName())
                .set("DestinationDeviceName", dc.name()).set("DestinationIPAddress", dc.ip()).set("DestinationPort", 445)
                .set("Protocol", "Samr").set("AccountName", actor.samAccountName()).set("AccountDomain", DemoOrganisation.DNS_DOMAIN)
                .set("AccountUpn", actor.upn()).set("AccountSid", actor.sid()).set("AccountObjectId", actor.objectId())
                .set("AccountDisplayName", actor.displayName()).set("DeviceName", source == null ? null : source.name())
                .set("IPAddress", source == null ? null : source.ip()).set("ReportId", reportId)
                .set("AdditionalFields", additionalFields).emit(sink);
        return reportId;
    }

    /** JSON string literal. */
    static String json(String v) {
        if (v == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
