package dev.rampart.portal.response.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailAnalysisTest {
    static final byte[] PAYLOAD = "MZ fake executable bytes".getBytes(StandardCharsets.US_ASCII);

    /** A phishing-style message: spoofed display name, foreign Reply-To, failed DMARC, deceptive link, disguised attachment. */
    static String phish(String attachmentName) {
        return String.join("\r\n",
                "Authentication-Results: mx.contoso.example; spf=softfail smtp.mailfrom=pay-portal.example; dkim=none; dmarc=fail header.from=pay-portal.example",
                "From: \"Contoso Payroll <payroll@contoso.example>\" <alerts@pay-portal.example>",
                "Reply-To: collect@another-domain.example",
                "To: ann@contoso.example",
                "Subject: Action required: salary update",
                "Message-ID: <abc123@pay-portal.example>",
                "Date: Fri, 04 Dec 2026 10:00:00 +0000",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: multipart/alternative; boundary=\"b2\"",
                "",
                "--b2",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Update your details at https://login.pay-portal.example/update?id=1. Thanks.",
                "--b2",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<p>Open <a href=\"http://203.0.113.9/payroll\">www.contoso.example</a> now.</p>",
                "--b2--",
                "--b1",
                "Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename=\"" + attachmentName + "\"",
                "Content-Transfer-Encoding: base64",
                "",
                Base64.getMimeEncoder().encodeToString(PAYLOAD),
                "--b1--",
                "");
    }

    @Test
    void parse_readsHeadersLinksAndAttachmentHashes() throws Exception {
        ParsedEmail m = EmailParser.parse(phish("invoice.pdf.exe").getBytes(StandardCharsets.UTF_8));
        assertThat(m.from()).isEqualTo("alerts@pay-portal.example");
        assertThat(m.fromName()).isEqualTo("Contoso Payroll <payroll@contoso.example>");
        assertThat(m.replyTo()).containsExactly("collect@another-domain.example");
        assertThat(m.to()).containsExactly("ann@contoso.example");
        assertThat(m.subject()).isEqualTo("Action required: salary update");
        assertThat(m.links()).extracting(ParsedEmail.Link::url)
                .contains("https://login.pay-portal.example/update?id=1", "http://203.0.113.9/payroll");
        assertThat(m.links()).filteredOn(l -> l.url().startsWith("http://203")).extracting(ParsedEmail.Link::text).containsExactly("www.contoso.example");
        assertThat(m.attachments()).hasSize(1);
        ParsedEmail.Attachment a = m.attachments().get(0);
        assertThat(a.name()).isEqualTo("invoice.pdf.exe");
        assertThat(a.size()).isEqualTo(PAYLOAD.length);
        assertThat(a.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PAYLOAD)));
    }

    @Test
    void staticChecks_flagEveryTrick_asSuspicious() {
        List<Finding> f = EmailChecks.check(EmailParser.parse(phish("invoice.pdf.exe").getBytes(StandardCharsets.UTF_8)));
        assertThat(f).filteredOn(x -> x.signal() == Finding.Signal.SUSPICIOUS).extracting(Finding::text).anySatisfy(t -> assertThat(t).contains("DMARC=fail"))
                .anySatisfy(t -> assertThat(t).contains("Reply-To collect@another-domain.example"))
                .anySatisfy(t -> assertThat(t).contains("display-name spoofing"))
                .anySatisfy(t -> assertThat(t).contains("bare IP address"))
                .anySatisfy(t -> assertThat(t).contains("Link text shows www.contoso.example but the link opens 203.0.113.9"))
                .anySatisfy(t -> assertThat(t).contains("hides an executable type (.exe)"));
        assertThat(Verdicts.decide(Claim.FALSE_NEGATIVE, f).verdict()).isEqualTo(SubmissionVerdict.SUSPICIOUS);
    }

    @Test
    void authenticatedPlainMessage_isClean() {
        String eml = String.join("\r\n", "Authentication-Results: mx.contoso.example; spf=pass smtp.mailfrom=fabrikam.example; dkim=pass header.d=fabrikam.example; dmarc=pass",
                "From: Bob <bob@fabrikam.example>", "Reply-To: bob@mail.fabrikam.example", "To: ann@contoso.example", "Subject: Lunch", "", "See you at noon.", "");
        List<Finding> f = EmailChecks.check(EmailParser.parse(eml.getBytes(StandardCharsets.UTF_8)));
        assertThat(f).extracting(Finding::signal).containsOnly(Finding.Signal.CLEAN);
        assertThat(Verdicts.decide(Claim.FALSE_POSITIVE, f).result()).startsWith("No threats found");
    }

    @Test
    void displayNameNamingTheRecipientsOrganisation_fromOutside_isImpersonation() {
        String eml = String.join("\r\n", "From: Contoso IT Helpdesk <help@freemail.example>", "To: ann@contoso.example", "Subject: Reset", "", "x", "");
        assertThat(EmailChecks.check(EmailParser.parse(eml.getBytes(StandardCharsets.UTF_8)))).extracting(Finding::text)
                .anySatisfy(t -> assertThat(t).contains("impersonation"));
    }

    @Test
    void notAMessage_isRejectedNamingTheFileField() {
        assertThatThrownBy(() -> EmailParser.parse("just some text without headers\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SubmissionException.class, e -> assertThat(e.field()).isEqualTo("file"));
    }

    @Test
    void verdicts_allowIndicatorOverrides_maliciousWins_nothingKnownIsUnknown() {
        Finding mal = Finding.of("indicator", Finding.Signal.MALICIOUS, "blocked");
        Finding allow = Finding.of("indicator", Finding.Signal.ALLOWED, "allowed");
        Finding info = Finding.of("prevalence", Finding.Signal.INFO, "not seen");
        assertThat(Verdicts.decide(Claim.FALSE_POSITIVE, List.of(mal, info)).verdict()).isEqualTo(SubmissionVerdict.MALICIOUS);
        assertThat(Verdicts.decide(Claim.FALSE_POSITIVE, List.of(mal, allow)).verdict()).isEqualTo(SubmissionVerdict.CLEAN);
        assertThat(Verdicts.decide(Claim.FALSE_NEGATIVE, List.of(info)).verdict()).isEqualTo(SubmissionVerdict.UNKNOWN);
        assertThat(Verdicts.decide(Claim.FALSE_NEGATIVE, List.of(mal)).result()).contains("should have been blocked");
    }
}
