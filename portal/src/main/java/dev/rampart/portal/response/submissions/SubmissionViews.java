package dev.rampart.portal.response.submissions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Models of the submission pages. */
public final class SubmissionViews {

    private SubmissionViews() {
    }

    /** The list with its filter values as typed (for the form and the paging links). */
    public record ListPage(Submissions.ListPage page, Map<String, String> filter, boolean canSubmit, boolean canSeeEmail, String message) {
        public String filter(String name) {
            return filter.getOrDefault(name, "");
        }

        public boolean filtered() {
            return filter.values().stream().anyMatch(v -> !v.isBlank() && !v.equals("30"));
        }

        public String pageLink(int p) {
            StringBuilder b = new StringBuilder("/submissions?page=" + p);
            filter.forEach((k, v) -> {
                if (!v.isBlank()) {
                    b.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            });
            return b.toString();
        }

        public long firstRow() {
            return page.total() == 0 ? 0 : (long) (page.page() - 1) * page.pageSize() + 1;
        }

        public long lastRow() {
            return Math.min(page.total(), (long) page.page() * page.pageSize());
        }
    }

    /** The submit form, refilled after an error. */
    public record Form(Map<String, String> values, String error, String errorField) {
        public static Form empty(String type, String value) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("type", type == null ? "FILE" : type.toUpperCase(java.util.Locale.ROOT));
            v.put("value", value == null ? "" : value);
            v.put("claim", "FALSE_POSITIVE");
            v.put("notes", "");
            return new Form(v, null, null);
        }

        public String value(String name) {
            return values.getOrDefault(name, "");
        }

        public boolean is(String name, String v) {
            return value(name).equalsIgnoreCase(v);
        }
    }

    public record DetailPage(Submissions.Details details, boolean canSubmit, boolean canTune, boolean canSeeEmail, boolean canDownload,
                             String message, String error) {
        public Submission s() {
            return details.submission();
        }

        public boolean pending() {
            return s().status() == SubmissionStatus.PENDING;
        }

        public long count(Finding.Signal signal) {
            return details.findings().stream().filter(f -> f.signal() == signal).count();
        }

        /** The action an analyst most likely wants from this result. */
        public String recommendation() {
            Submission s = s();
            if (s.verdict() == null) {
                return null;
            }
            return switch (s.verdict()) {
                case MALICIOUS -> "Block it: create a block indicator for the items below" + (s.type() == SubmissionType.DETECTION ? "; the detection was right." : ".");
                case CLEAN -> s.type() == SubmissionType.DETECTION && s.claim() == Claim.FALSE_POSITIVE
                        ? "Tune the detection (tuning rule below) or allow its entities." : "Allow it if it was blocked: create an allow indicator below.";
                case SUSPICIOUS -> "Review the suspicious findings before allowing anything.";
                case UNKNOWN -> "Nothing is known about it: decide by hand, or re-analyse when more data has arrived.";
            };
        }
    }

    public static List<SubmissionType> types() {
        return List.of(SubmissionType.values());
    }

    public static List<SubmissionVerdict> verdicts() {
        return List.of(SubmissionVerdict.values());
    }

    public static List<SubmissionStatus> statuses() {
        return List.of(SubmissionStatus.values());
    }

    public static List<Claim> claims() {
        return List.of(Claim.values());
    }

    public static String time(OffsetDateTime t) {
        return t == null ? "—" : dev.rampart.portal.web.DisplayZone.format(t, "yyyy-MM-dd HH:mm") + " " + dev.rampart.portal.web.DisplayZone.label(t.toInstant());
    }

    /** UTC time without the zone, for columns whose header names it. */
    public static String shortTime(OffsetDateTime t) {
        return t == null ? "—" : dev.rampart.portal.web.DisplayZone.format(t, "yyyy-MM-dd HH:mm");
    }

    public static String artifactKey(Artifact a) {
        return a.type().name() + "|" + a.value();
    }
}
