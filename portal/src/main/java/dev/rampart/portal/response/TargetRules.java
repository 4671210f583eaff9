package dev.rampart.portal.response;

import java.util.Locale;
import java.util.regex.Pattern;

/** Syntax checks and normalisation of action targets; messages name what is wrong. */
final class TargetRules {
    static final Pattern SHA1 = Pattern.compile("^[0-9a-f]{40}$");
    static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]{2,45}$");
    static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private TargetRules() {
    }

    static String fileHash(String v) {
        String h = v.strip().toLowerCase(Locale.ROOT);
        if (!SHA1.matcher(h).matches() && !SHA256.matcher(h).matches()) {
            throw new ActionException("target", "a file is named by its SHA1 (40 hex digits) or SHA256 (64 hex digits); got '" + v + "'");
        }
        return h;
    }

    static String ip(String v) {
        String s = v.strip();
        if (IPV4.matcher(s).matches() || (s.contains(":") && IPV6.matcher(s).matches())) {
            return s.toLowerCase(Locale.ROOT);
        }
        throw new ActionException("target", "'" + v + "' is not an IPv4 or IPv6 address");
    }

    /** A URL (http/https) or a bare domain, lower-cased host. */
    static String urlOrDomain(String v) {
        String s = v.strip();
        if (DOMAIN.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
            return s.toLowerCase(Locale.ROOT);
        }
        try {
            java.net.URI u = new java.net.URI(s);
            if (("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null) {
                return s;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new ActionException("target", "'" + v + "' is neither an http(s) URL nor a domain name");
    }

    static String required(String v, String field, int max) {
        if (v == null || v.isBlank()) {
            throw new ActionException(field, "is required");
        }
        if (v.strip().length() > max) {
            throw new ActionException(field, "is longer than " + max + " characters");
        }
        return v.strip();
    }
}
