package dev.rampart.portal.response.submissions;

import java.util.List;

/**
 * What static analysis looks at in a message. Addresses are lower case; {@code fromName} is the display name as sent.
 * {@code links}: every URL found in the bodies, with the visible text of HTML anchors (null for bare URLs).
 */
public record ParsedEmail(String from, String fromName, List<String> replyTo, List<String> to, String subject, String messageId,
                          String date, List<String> authenticationResults, List<Link> links, List<Attachment> attachments) {

    public record Link(String url, String text) {
    }

    public record Attachment(String name, String contentType, long size, String sha256) {
    }

    /** The domain part of an address, lower case, or null. */
    public static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 || at == address.length() - 1 ? null : address.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }

    public String fromDomain() {
        return domainOf(from);
    }
}
