package dev.rampart.portal.response.submissions;

import java.util.List;

/**
 * From findings to a verdict and the result sentence. An allow indicator on the item itself decides (an organisational
 * override); otherwise the worst signal wins; clean needs some positive evidence, and with none the item is Unknown,
 * which is what an honest analysis says about a hash nobody has ever seen.
 */
public final class Verdicts {
    private Verdicts() {
    }

    public record Outcome(SubmissionVerdict verdict, String result) {
    }

    public static Outcome decide(Claim claim, List<Finding> findings) {
        boolean allowed = has(findings, Finding.Signal.ALLOWED);
        if (allowed) {
            return new Outcome(SubmissionVerdict.CLEAN, "Allowed due to organizational overrides (allow indicator)"
                    + (has(findings, Finding.Signal.MALICIOUS) ? "; other findings call it malicious: review the indicator" : ""));
        }
        if (has(findings, Finding.Signal.MALICIOUS)) {
            return new Outcome(SubmissionVerdict.MALICIOUS, "Threats found: " + (claim == Claim.FALSE_POSITIVE
                    ? "it should stay blocked" : "it should have been blocked"));
        }
        if (has(findings, Finding.Signal.SUSPICIOUS)) {
            return new Outcome(SubmissionVerdict.SUSPICIOUS, "Suspicious: " + count(findings, Finding.Signal.SUSPICIOUS)
                    + " finding(s) need an analyst's review before allowing it");
        }
        if (has(findings, Finding.Signal.CLEAN)) {
            return new Outcome(SubmissionVerdict.CLEAN, "No threats found: " + (claim == Claim.FALSE_POSITIVE
                    ? "it should not have been blocked" : "nothing shows it should have been blocked"));
        }
        return new Outcome(SubmissionVerdict.UNKNOWN, "Unknown – can't decide: no indicator, detection or estate evidence speaks for or against it");
    }

    private static boolean has(List<Finding> f, Finding.Signal s) {
        return f.stream().anyMatch(x -> x.signal() == s);
    }

    private static long count(List<Finding> f, Finding.Signal s) {
        return f.stream().filter(x -> x.signal() == s).count();
    }
}
