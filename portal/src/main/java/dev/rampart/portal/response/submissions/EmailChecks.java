package dev.rampart.portal.response.submissions;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static checks of a submitted message that need nothing but the message: sender authentication as the receiving
 * server recorded it, Reply-To and display-name tricks, links whose text shows another domain than they open, links
 * to bare IP addresses, and attachment names that run code or hide their real extension.
 */
public final class EmailChecks {
    /** Extensions that run code or macros when opened, or carry such files past filters (disk images, shortcuts). */
    static final Set<String> RISKY = Set.of("exe", "scr", "com", "pif", "bat", "cmd", "js", "jse", "vbs", "vbe", "wsf", "wsh", "hta", "ps1",
            "psm1", "msi", "msp", "jar", "lnk", "iso", "img", "vhd", "vhdx", "cpl", "dll", "reg", "docm", "xlsm", "pptm", "dotm", "xlam",
            "one", "chm", "apk", "appx", "msix");
    private static final Set<String> DOCUMENT = Set.of("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "jpg", "jpeg", "png", "gif",
            "rtf", "csv", "zip", "html", "htm");
    private static final Pattern AUTH = Pattern.compile("\\b(spf|dkim|dmarc|compauth)\\s*=\\s*([a-z]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADDRESS = Pattern.compile("[a-z0-9._%+-]+@([a-z0-9-]+(\\.[a-z0-9-]+)+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN_TEXT = Pattern.compile("^(?:https?://)?((?:[a-z0-9-]+\\.)+[a-z]{2,63})(?:[/:?#].*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private EmailChecks() {
    }

    public static List<Finding> check(ParsedEmail m) {
        List<Finding> out = new ArrayList<>();
        authentication(m, out);
        replyTo(m, out);
        displayName(m, out);
        for (ParsedEmail.Link l : m.links()) {
            linkChecks(l, out);
        }
        for (ParsedEmail.Attachment a : m.attachments()) {
            attachment(a, out);
        }
        return out;
    }

    /** Results per method (spf, dkim, dmarc, compauth) from the Authentication-Results headers; the first header (the nearest hop) wins. */
    static Map<String, String> authResults(List<String> headers) {
        Map<String, String> r = new LinkedHashMap<>();
        for (String h : headers) {
            Matcher m = AUTH.matcher(h);
            while (m.find()) {
                r.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2).toLowerCase(Locale.ROOT));
            }
        }
        return r;
    }

    private static void authentication(ParsedEmail m, List<Finding> out) {
        Map<String, String> r = authResults(m.authenticationResults());
        if (r.isEmpty()) {
            out.add(Finding.of("email", Finding.Signal.INFO, "No Authentication-Results header: SPF, DKIM and DMARC results are not known"));
            return;
        }
        List<String> failed = new ArrayList<>();
        for (String method : List.of("spf", "dkim", "dmarc")) {
            String v = r.get(method);
            if (v != null && Set.of("fail", "softfail", "permerror").contains(v)) {
                failed.add(method.toUpperCase(Locale.ROOT) + "=" + v);
            }
        }
        if (!failed.isEmpty()) {
            out.add(Finding.of("email", Finding.Signal.SUSPICIOUS, "Authentication failed: " + String.join(", ", failed)
                    + (r.containsKey("dmarc") && !r.get("dmarc").equals("pass") ? " (the sender domain's DMARC policy was not met: possible spoofing)" : "")));
        } else if ("pass".equals(r.get("spf")) && "pass".equals(r.get("dkim")) && "pass".equals(r.get("dmarc"))) {
            out.add(Finding.of("email", Finding.Signal.CLEAN, "SPF, DKIM and DMARC pass"));
        } else {
            out.add(Finding.of("email", Finding.Signal.INFO, "Authentication incomplete: " + r.entrySet().stream()
                    .map(e -> e.getKey().toUpperCase(Locale.ROOT) + "=" + e.getValue()).toList()));
        }
    }

    private static void replyTo(ParsedEmail m, List<Finding> out) {
        String fromDomain = m.fromDomain();
        for (String r : m.replyTo()) {
            String d = ParsedEmail.domainOf(r);
            if (fromDomain != null && d != null && !sameOrganisation(d, fromDomain)) {
                out.add(Finding.of("email", Finding.Signal.SUSPICIOUS, "Reply-To " + r + " is in another domain than the sender " + m.from()
                        + ": replies go somewhere else"));
            }
        }
    }

    private static void displayName(ParsedEmail m, List<Finding> out) {
        String name = m.fromName();
        String fromDomain = m.fromDomain();
        if (name == null || name.isBlank() || fromDomain == null) {
            return;
        }
        Matcher a = ADDRESS.matcher(name);
        if (a.find() && !sameOrganisation(a.group(1).toLowerCase(Locale.ROOT), fromDomain)) {
            out.add(Finding.of("email", Finding.Signal.SUSPICIOUS, "Display name \"" + name + "\" shows the address " + a.group()
                    + " but the message is from " + m.from() + " (display-name spoofing)"));
            return;
        }
        String lowerName = name.toLowerCase(Locale.ROOT);
        for (String to : m.to()) {
            String recipientDomain = ParsedEmail.domainOf(to);
            if (recipientDomain == null || sameOrganisation(recipientDomain, fromDomain)) {
                continue;
            }
            String org = recipientDomain.contains(".") ? recipientDomain.substring(0, recipientDomain.indexOf('.')) : recipientDomain;
            if (org.length() >= 4 && lowerName.contains(org)) {
                out.add(Finding.of("email", Finding.Signal.SUSPICIOUS, "Display name \"" + name + "\" names the recipient's organisation ("
                        + recipientDomain + ") but the sender " + m.from() + " is external (impersonation)"));
                return;
            }
        }
    }

    /** Checks of one link (also used for a submitted URL on its own). */
    public static void linkChecks(ParsedEmail.Link l, List<Finding> out) {
        String host = host(l.url());
        if (host == null) {
            out.add(Finding.of("url", Finding.Signal.SUSPICIOUS, "Link " + l.url() + " cannot be parsed"));
            return;
        }
        String authority = l.url().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceFirst("[/?#].*$", "");
        if (authority.contains("@")) {
            out.add(Finding.of("url", Finding.Signal.SUSPICIOUS, "Link " + l.url() + " puts text before '@' in its address: the real host is " + host));
        }
        if (IPV4.matcher(host).matches() || host.startsWith("[")) {
            out.add(Finding.of("url", Finding.Signal.SUSPICIOUS, "Link " + l.url() + " opens a bare IP address instead of a domain"));
        }
        if (host.startsWith("xn--") || host.contains(".xn--")) {
            out.add(Finding.of("url", Finding.Signal.SUSPICIOUS, "Link domain " + host + " is internationalised (punycode): a possible look-alike"));
        }
        if (l.text() != null) {
            Matcher d = DOMAIN_TEXT.matcher(l.text().strip());
            if (d.matches()) {
                String shown = d.group(1).toLowerCase(Locale.ROOT);
                if (!sameOrganisation(shown, host)) {
                    out.add(Finding.of("url", Finding.Signal.SUSPICIOUS, "Link text shows " + shown + " but the link opens " + host));
                }
            }
        }
    }

    private static void attachment(ParsedEmail.Attachment a, List<Finding> out) {
        String name = a.name().toLowerCase(Locale.ROOT).strip();
        String[] parts = name.split("\\.");
        String ext = parts.length > 1 ? parts[parts.length - 1] : "";
        if (RISKY.contains(ext)) {
            boolean disguised = parts.length > 2 && DOCUMENT.contains(parts[parts.length - 2]);
            out.add(Finding.of("email", Finding.Signal.SUSPICIOUS, "Attachment " + a.name() + (disguised
                    ? " hides an executable type (." + ext + ") behind a document name" : " has a type that runs code when opened (." + ext + ")")));
        }
    }

    /** The host of a URL, lower case, or null when it has none. */
    public static String host(String url) {
        try {
            String h = URI.create(url.strip().replace(" ", "%20")).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Same registrable-ish domain: equal, or one a subdomain of the other (mail.example.com and example.com). */
    static boolean sameOrganisation(String a, String b) {
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
    }
}
