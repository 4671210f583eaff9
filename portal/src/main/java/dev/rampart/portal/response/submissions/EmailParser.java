package dev.rampart.portal.response.submissions;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RFC 822 message (an .eml file) with Jakarta Mail: headers, every text body, and every attachment (its
 * name, type, size and SHA-256). URLs are taken from plain-text bodies and from HTML anchors, whose visible text is
 * kept so that a link showing one domain and pointing at another can be spotted.
 */
public final class EmailParser {
    public static final int MAX_LINKS = 50;
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'()\\]]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANCHOR = Pattern.compile("<a\\s[^>]*?href\\s*=\\s*[\"']([^\"']+)[\"'][^>]*>(.*?)</a\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private EmailParser() {
    }

    /** @throws SubmissionException (field {@code file}) when the bytes are not a message */
    public static ParsedEmail parse(byte[] eml) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
            if (m.getHeader("From") == null && m.getHeader("Subject") == null && m.getHeader("Message-ID") == null) {
                throw new SubmissionException("file", "is not an RFC 822 message: it has no From, Subject or Message-ID header", 400);
            }
            String from = null;
            String fromName = null;
            Address[] fromAddresses = safeAddresses(m, "From");
            if (fromAddresses.length > 0 && fromAddresses[0] instanceof InternetAddress ia) {
                from = lower(ia.getAddress());
                fromName = ia.getPersonal();
            }
            List<String> replyTo = addresses(safeAddresses(m, "Reply-To"));
            List<String> to = addresses(safeAddresses(m, "To"));
            to.addAll(addresses(safeAddresses(m, "Cc")));
            String[] auth = m.getHeader("Authentication-Results");
            Map<String, ParsedEmail.Link> links = new LinkedHashMap<>();
            List<ParsedEmail.Attachment> attachments = new ArrayList<>();
            walk(m, links, attachments, 0);
            String date = m.getHeader("Date", null);
            return new ParsedEmail(from, fromName, replyTo, to, m.getSubject(), m.getMessageID(), date,
                    auth == null ? List.of() : List.of(auth), List.copyOf(links.values()), attachments);
        } catch (MessagingException | IOException e) {
            throw new SubmissionException("file", "could not be read as an RFC 822 message: " + e.getMessage(), 400);
        }
    }

    // An unparseable address header must not hide the rest of the message: it simply yields no address.
    private static Address[] safeAddresses(MimeMessage m, String header) {
        try {
            String raw = m.getHeader(header, ",");
            return raw == null ? new Address[0] : InternetAddress.parseHeader(raw, false);
        } catch (MessagingException e) {
            return new Address[0];
        }
    }

    private static List<String> addresses(Address[] as) {
        List<String> out = new ArrayList<>();
        for (Address a : as) {
            if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                out.add(lower(ia.getAddress()));
            }
        }
        return out;
    }

    private static void walk(Part p, Map<String, ParsedEmail.Link> links, List<ParsedEmail.Attachment> attachments, int depth)
            throws MessagingException, IOException {
        if (depth > 20) {
            return;
        }
        String fileName = fileName(p);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()) || fileName != null;
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                walk(bp, links, attachments, depth + 1);
            }
        } else if (attachment || p.isMimeType("message/rfc822")) {
            attachments.add(attachment(p, fileName));
        } else if (p.isMimeType("text/html")) {
            html(String.valueOf(p.getContent()), links);
        } else if (p.isMimeType("text/*")) {
            plain(String.valueOf(p.getContent()), links);
        }
    }

    private static String fileName(Part p) throws MessagingException {
        try {
            String n = p.getFileName();
            return n == null ? null : MimeUtility.decodeText(n);
        } catch (java.io.UnsupportedEncodingException e) {
            return p.getFileName();
        }
    }

    private static ParsedEmail.Attachment attachment(Part p, String name) throws MessagingException, IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                size += n;
            }
        }
        String type = p.getContentType() == null ? "application/octet-stream" : p.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        return new ParsedEmail.Attachment(name == null ? (p.isMimeType("message/rfc822") ? "attached message.eml" : "unnamed") : name, type, size,
                HexFormat.of().formatHex(sha.digest()));
    }

    static void html(String html, Map<String, ParsedEmail.Link> links) {
        Matcher a = ANCHOR.matcher(html);
        while (a.find()) {
            String href = unescape(a.group(1).strip());
            if (href.regionMatches(true, 0, "http", 0, 4)) {
                String text = unescape(TAG.matcher(a.group(2)).replaceAll("")).strip();
                add(links, href, text.isEmpty() ? null : text);
            }
        }
        plain(TAG.matcher(html).replaceAll(" "), links);
    }

    static void plain(String text, Map<String, ParsedEmail.Link> links) {
        Matcher u = URL.matcher(text);
        while (u.find()) {
            add(links, unescape(u.group()).replaceAll("[.,;:!?]+$", ""), null);
        }
    }

    private static void add(Map<String, ParsedEmail.Link> links, String url, String text) {
        if (links.size() < MAX_LINKS || links.containsKey(url)) {
            links.merge(url, new ParsedEmail.Link(url, text), (old, neu) -> old.text() != null ? old : neu);
        }
    }

    private static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
