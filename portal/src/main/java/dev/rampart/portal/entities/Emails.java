package dev.rampart.portal.entities;

import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.EventFilters;
import dev.rampart.portal.entities.EventSql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The email entity page's data: one message (by NetworkMessageId) from EmailEvents with its recipients, attachments
 * (EmailAttachmentInfo), URLs (EmailUrlInfo) and post-delivery actions (EmailPostDeliveryEvents), within the caller's
 * data scope (a hidden email workload shows nothing).
 */
@Service
public class Emails {
    private final EventSql sql;
    private final DataScopes scopes;

    Emails(EventSql sql, DataScopes scopes) {
        this.sql = sql;
        this.scopes = scopes;
    }

    public record Recipient(String address, String deliveryAction, String deliveryLocation, String latestLocation, String postDelivery) {
    }

    public record Attachment(String fileName, String fileType, String sha256, String threatTypes) {
    }

    public record Link(String url, String domain, String location) {
    }

    public record Email(String networkMessageId, String subject, String sender, String senderDisplayName, String senderMailFrom,
                        String senderIp, Instant received, String direction, String threatTypes, String threatNames, String detectionMethods,
                        String authentication, String language, List<Recipient> recipients, List<Attachment> attachments, List<Link> urls) {
    }

    public Optional<Email> email(String networkMessageId) {
        return email(networkMessageId, scopes.eventFilters());
    }

    /** The message as the roles granting {@code permission} see it: only the recipients their scope reaches. */
    public Optional<Email> email(String networkMessageId, dev.rampart.portal.access.Permission permission) {
        return email(networkMessageId, scopes.eventFilters(permission));
    }

    private Optional<Email> email(String networkMessageId, EventFilters f) {
        List<Object> p = new ArrayList<>();
        String events = f.from("EmailEvents", p);
        p.add(networkMessageId);
        List<Row> rows = sql.rows("SELECT RecipientEmailAddress, DeliveryAction, DeliveryLocation, LatestDeliveryLocation, Subject, SenderFromAddress, "
                + "SenderDisplayName, SenderMailFromAddress, SenderIPv4, Timestamp, EmailDirection, ThreatTypes, ThreatNames, DetectionMethods, "
                + "AuthenticationDetails, EmailLanguage FROM " + events + " e WHERE NetworkMessageId = ? ORDER BY RecipientEmailAddress, Timestamp LIMIT 1000",
                p.toArray());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Object> pp = new ArrayList<>();
        String post = f.from("EmailPostDeliveryEvents", pp);
        pp.add(networkMessageId);
        java.util.Map<String, String> postByRecipient = new java.util.HashMap<>();
        for (Row r : sql.rows("SELECT lower(RecipientEmailAddress), string_agg(ActionType || coalesce(' (' || ActionResult || ')', ''), ', ' ORDER BY Timestamp) "
                + "FROM " + post + " d WHERE NetworkMessageId = ? GROUP BY 1", pp.toArray())) {
            postByRecipient.put(r.str(0), r.str(1));
        }
        List<Recipient> recipients = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Row r : rows) {
            String a = r.str(0);
            if (a != null && seen.add(a.toLowerCase(java.util.Locale.ROOT))) {
                recipients.add(new Recipient(a, r.str(1), r.str(2), r.str(3), postByRecipient.get(a.toLowerCase(java.util.Locale.ROOT))));
            }
        }
        List<Object> ap = new ArrayList<>();
        String att = f.from("EmailAttachmentInfo", ap);
        ap.add(networkMessageId);
        List<Attachment> attachments = sql.rows("SELECT FileName, any_value(FileType), any_value(SHA256), any_value(ThreatTypes) FROM " + att
                        + " a WHERE NetworkMessageId = ? GROUP BY FileName ORDER BY FileName LIMIT 200", ap.toArray())
                .stream().map(r -> new Attachment(r.str(0), r.str(1), r.str(2), r.str(3))).toList();
        List<Object> up = new ArrayList<>();
        String urls = f.from("EmailUrlInfo", up);
        up.add(networkMessageId);
        List<Link> links = sql.rows("SELECT Url, any_value(UrlDomain), any_value(UrlLocation) FROM " + urls
                        + " u WHERE NetworkMessageId = ? GROUP BY Url ORDER BY Url LIMIT 200", up.toArray())
                .stream().map(r -> new Link(r.str(0), r.str(1), r.str(2))).toList();
        Row first = rows.get(0);
        return Optional.of(new Email(networkMessageId, first.str(4), first.str(5), first.str(6), first.str(7), first.str(8), first.time(9),
                first.str(10), first.str(11), first.str(12), first.str(13), first.str(14), first.str(15), recipients, attachments, links));
    }
}
