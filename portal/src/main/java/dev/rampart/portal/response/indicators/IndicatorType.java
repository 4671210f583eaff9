package dev.rampart.portal.response.indicators;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Indicator types with the value syntax and the actions the reference allows for each. */
public enum IndicatorType {
    FILE_SHA1("File SHA1", "^[0-9a-f]{40}$", EnumSet.allOf(IndicatorAction.class)),
    FILE_SHA256("File SHA256", "^[0-9a-f]{64}$", EnumSet.allOf(IndicatorAction.class)),
    FILE_MD5("File MD5", "^[0-9a-f]{32}$", EnumSet.allOf(IndicatorAction.class)),
    IP("IP address", "^(((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)|[0-9a-f:.]*:[0-9a-f:.]*)$",
            EnumSet.of(IndicatorAction.ALLOW, IndicatorAction.AUDIT, IndicatorAction.WARN, IndicatorAction.BLOCK)),
    DOMAIN("Domain", "^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$",
            EnumSet.of(IndicatorAction.ALLOW, IndicatorAction.AUDIT, IndicatorAction.WARN, IndicatorAction.BLOCK)),
    URL("URL", "^https?://[^\\s/?#]+[^\\s]*$",
            EnumSet.of(IndicatorAction.ALLOW, IndicatorAction.AUDIT, IndicatorAction.WARN, IndicatorAction.BLOCK)),
    CERTIFICATE("Certificate thumbprint", "^[0-9a-f]{40}$", EnumSet.of(IndicatorAction.ALLOW, IndicatorAction.BLOCK_AND_REMEDIATE));

    private final String label;
    private final Pattern syntax;
    private final Set<IndicatorAction> actions;

    IndicatorType(String label, String syntax, Set<IndicatorAction> actions) {
        this.label = label;
        this.syntax = Pattern.compile(syntax);
        this.actions = actions;
    }

    public String label() {
        return label;
    }

    public Set<IndicatorAction> actions() {
        return actions;
    }

    public boolean isFile() {
        return this == FILE_SHA1 || this == FILE_SHA256 || this == FILE_MD5;
    }

    /** Normalised value (lower case; URLs keep their path case) or null when the syntax does not match. */
    public String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.strip();
        if (this != URL) {
            v = v.toLowerCase(Locale.ROOT);
        }
        if (this == CERTIFICATE) {
            v = v.replace(":", "").replace(" ", "");
        }
        return syntax.matcher(this == URL ? v.toLowerCase(Locale.ROOT) : v).matches() ? v : null;
    }

    /** Accepts {@code FILE_SHA256}, {@code FileSha256}, {@code sha256}, {@code IpAddress}, {@code DomainName}... */
    public static IndicatorType parse(String s) {
        if (s == null || s.isBlank()) {
            throw new IndicatorException("type", "is required");
        }
        String n = s.strip().toUpperCase(Locale.ROOT).replace("_", "").replace(" ", "");
        return switch (n) {
            case "FILESHA1", "SHA1" -> FILE_SHA1;
            case "FILESHA256", "SHA256" -> FILE_SHA256;
            case "FILEMD5", "MD5" -> FILE_MD5;
            case "IP", "IPADDRESS" -> IP;
            case "DOMAIN", "DOMAINNAME" -> DOMAIN;
            case "URL" -> URL;
            case "CERTIFICATE", "CERTIFICATETHUMBPRINT" -> CERTIFICATE;
            default -> throw new IndicatorException("type", "unknown indicator type '" + s
                    + "'; use FileSha1, FileSha256, FileMd5, IpAddress, DomainName, Url or CertificateThumbprint");
        };
    }
}
