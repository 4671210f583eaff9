package dev.rampart.portal.response.submissions;

import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.entities.EntityAlertsProvider;
import dev.rampart.portal.entities.EntityAlertsProvider.EntityKind;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Classification;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.response.EstateLookup;
import dev.rampart.portal.response.indicators.Indicator;
import dev.rampart.portal.response.indicators.IndicatorAction;
import dev.rampart.portal.response.indicators.IndicatorType;
import dev.rampart.portal.response.indicators.Indicators;
import dev.rampart.portal.response.indicators.IocMatcher;
import dev.rampart.portal.response.investigation.VerdictRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The analysis of one submission, run as the submitter so that detections and prevalence only count what their data
 * scope shows. Every entity is judged the way the automated investigation judges evidence (same rarity and alert
 * thresholds, {@link VerdictRules}): active indicators, alerts naming it, how many devices saw it; emails add the
 * static checks of {@link EmailChecks}.
 */
@Component
class SubmissionAnalyzer {
    private final Indicators indicators;
    private final EstateLookup estate;
    private final EntityAlertsProvider alerts;
    private final IncidentService incidents;
    private final DataScopes scopes;

    SubmissionAnalyzer(Indicators indicators, EstateLookup estate, EntityAlertsProvider alerts, IncidentService incidents, DataScopes scopes) {
        this.indicators = indicators;
        this.estate = estate;
        this.alerts = alerts;
        this.incidents = incidents;
        this.scopes = scopes;
    }

    record Result(SubmissionVerdict verdict, String result, List<Finding> findings, List<Artifact> artifacts) {
    }

    /** What one run knows: the indicators in force and the caller's devices, read once. */
    private final class Run {
        final List<Indicator> active = indicators.active();
        final DeviceFilter visible = scopes.devices();
        final List<Finding> findings = new ArrayList<>();
        final Map<String, Artifact> artifacts = new LinkedHashMap<>();

        void artifact(IndicatorType type, String value, String label) {
            if (value != null && type.normalise(value) != null) {
                artifacts.putIfAbsent(type.name() + "|" + type.normalise(value), new Artifact(type, type.normalise(value), label));
            }
        }

        Optional<Indicator> indicator(List<IndicatorType> types, String value) {
            return active.stream().filter(i -> types.contains(i.type()) && IocMatcher.matches(i, value)).findFirst();
        }
    }

    Result analyse(Submission s, byte[] content) {
        Run run = new Run();
        switch (s.type()) {
            case FILE -> {
                file(run, s.subject(), "File " + s.subject(), null, true);
                run.artifact(hashType(s.subject()), s.subject(), "File " + s.subject());
            }
            case URL -> {
                url(run, s.subject(), "URL " + s.subject(), null, true);
                EmailChecks.linkChecks(new ParsedEmail.Link(s.subject(), null), run.findings);
                run.artifact(IndicatorType.URL, s.subject(), "URL " + s.subject());
                run.artifact(IndicatorType.DOMAIN, EmailChecks.host(s.subject()), "Domain " + EmailChecks.host(s.subject()));
            }
            case EMAIL -> email(run, EmailParser.parse(content));
            case DETECTION -> detection(run, incidents.alert(s.alertId()));
        }
        Verdicts.Outcome o = Verdicts.decide(s.claim(), run.findings);
        return new Result(o.verdict(), o.result(), run.findings, List.copyOf(run.artifacts.values()));
    }

    private void email(Run run, ParsedEmail m) {
        run.findings.add(Finding.of("email", Finding.Signal.INFO, "From " + (m.fromName() == null ? "" : "\"" + m.fromName() + "\" ") + "<" + m.from()
                + ">, " + m.links().size() + " link(s), " + m.attachments().size() + " attachment(s)"));
        String domain = m.fromDomain();
        if (domain != null) {
            run.indicator(List.of(IndicatorType.DOMAIN), domain).ifPresent(i -> run.findings.add(indicatorFinding(i, "Sender domain " + domain, true)));
            long named = alerts.relatedTo(EntityKind.USER, m.from(), 50).size();
            if (named > 0) {
                run.findings.add(Finding.of("detection", Finding.Signal.SUSPICIOUS, "Sender " + m.from() + " is named by " + named + " alert(s)"));
            }
            run.artifact(IndicatorType.DOMAIN, domain, "Sender domain " + domain);
        }
        run.findings.addAll(EmailChecks.check(m));
        for (ParsedEmail.Link l : m.links()) {
            url(run, l.url(), "Link " + l.url(), null, false);
            run.artifact(IndicatorType.URL, l.url(), "Link " + l.url());
            String host = EmailChecks.host(l.url());
            run.artifact(IndicatorType.DOMAIN, host, "Link domain " + host);
        }
        for (ParsedEmail.Attachment a : m.attachments()) {
            file(run, a.sha256(), "Attachment " + a.name(), null, false);
            run.artifact(IndicatorType.FILE_SHA256, a.sha256(), "Attachment " + a.name() + " (" + a.size() + " bytes)");
        }
    }

    private void detection(Run run, Alert a) {
        run.findings.add(Finding.of("detection", Finding.Signal.INFO, "Alert \"" + a.title() + "\" (" + a.severity().label() + ", " + a.status().label()
                + ", detector " + a.detectorId() + ")"));
        if (a.classification() == Classification.FALSE_POSITIVE) {
            run.findings.add(Finding.of("detection", Finding.Signal.INFO, "An analyst already classified the alert as a false positive"));
        } else if (a.classification() == Classification.TRUE_POSITIVE) {
            run.findings.add(Finding.of("detection", Finding.Signal.SUSPICIOUS, "An analyst classified the alert as a true positive"));
        }
        int judged = 0;
        for (Evidence e : a.evidence()) {
            switch (e.type()) {
                case FILE -> {
                    IndicatorType t = hashType(e.key());
                    if (t != null) {
                        file(run, e.key(), "File " + e.display(), a.id(), false);
                        run.artifact(t, e.key(), "File " + e.display());
                        judged++;
                    }
                }
                case IP -> {
                    ip(run, e.key(), a.id());
                    run.artifact(IndicatorType.IP, e.key(), "IP " + e.key());
                    judged++;
                }
                case URL -> {
                    url(run, e.display(), "URL " + e.display(), a.id(), false);
                    run.artifact(IndicatorType.URL, e.display(), "URL " + e.display());
                    run.artifact(IndicatorType.DOMAIN, EmailChecks.host(e.display()), "Domain " + EmailChecks.host(e.display()));
                    judged++;
                }
                default -> {
                    // devices, users, mailboxes and processes carry no indicator to judge by
                }
            }
        }
        if (judged == 0) {
            run.findings.add(Finding.of("detection", Finding.Signal.INFO, "The alert names no file hash, IP address or URL to judge"));
        }
    }

    private void file(Run run, String hash, String label, String excludeAlert, boolean subject) {
        IndicatorType t = hashType(hash);
        run.indicator(t == null ? List.of() : List.of(t), hash).ifPresent(i -> run.findings.add(indicatorFinding(i, label, subject)));
        judge(run, label, others(EntityKind.FILE, hash, excludeAlert), estate.filePrevalence(hash, run.visible));
    }

    private void url(Run run, String url, String label, String excludeAlert, boolean subject) {
        String host = EmailChecks.host(url);
        run.indicator(List.of(IndicatorType.URL, IndicatorType.DOMAIN), url).ifPresent(i -> run.findings.add(indicatorFinding(i, label, subject)));
        if (host == null) {
            return;
        }
        judge(run, label, others(EntityKind.DOMAIN, host, excludeAlert), estate.urlPrevalence(host, run.visible));
    }

    private void ip(Run run, String ip, String excludeAlert) {
        run.indicator(List.of(IndicatorType.IP), ip).ifPresent(i -> run.findings.add(indicatorFinding(i, "IP " + ip, false)));
        judge(run, "IP " + ip, others(EntityKind.IP, ip, excludeAlert), estate.addressPrevalence(ip, run.visible));
    }

    private List<EntityAlertsProvider.Related> others(EntityKind kind, String key, String excludeAlert) {
        return alerts.relatedTo(kind, key, 50).stream().filter(r -> !r.id().equals(excludeAlert)).toList();
    }

    /** Detections and prevalence of one entity, with the playbook's thresholds. */
    private static void judge(Run run, String label, List<EntityAlertsProvider.Related> named, long devices) {
        if (!named.isEmpty()) {
            run.findings.add(Finding.of("detection", Finding.Signal.SUSPICIOUS, label + " is named by " + named.size() + " alert(s): "
                    + named.stream().limit(3).map(r -> "\"" + r.title() + "\" (" + r.severity() + ")").collect(Collectors.joining(", "))
                    + (named.size() > 3 ? ", ..." : "")));
        }
        boolean rare = devices <= VerdictRules.RARE_MAX_DEVICES;
        String seen = devices == 0 ? label + " was not seen on any device in the estate" : label + " was seen on " + devices
                + (devices == 1 ? " device" : " devices") + " in the estate" + (rare ? " (rare)" : " (common)");
        if (devices > 0 && rare && named.size() >= VerdictRules.MALICIOUS_OTHER_ALERTS) {
            run.findings.add(Finding.of("prevalence", Finding.Signal.MALICIOUS, seen + " and several alerts name it"));
        } else if (!rare && named.isEmpty()) {
            run.findings.add(Finding.of("prevalence", Finding.Signal.CLEAN, seen + " and no alert names it"));
        } else {
            run.findings.add(Finding.of("prevalence", Finding.Signal.INFO, seen));
        }
    }

    private static Finding indicatorFinding(Indicator i, String label, boolean subject) {
        String text = label + " matches indicator #" + i.id() + " \"" + i.title() + "\" (" + i.type().label() + " " + i.value() + ", " + i.action().label() + ")";
        if (i.action() == IndicatorAction.ALLOW) {
            return Finding.of("indicator", subject ? Finding.Signal.ALLOWED : Finding.Signal.CLEAN, text);
        }
        return Finding.of("indicator", Finding.Signal.MALICIOUS, text);
    }

    static IndicatorType hashType(String hash) {
        if (hash == null) {
            return null;
        }
        return switch (hash.strip().length()) {
            case 32 -> IndicatorType.FILE_MD5.normalise(hash) == null ? null : IndicatorType.FILE_MD5;
            case 40 -> IndicatorType.FILE_SHA1.normalise(hash) == null ? null : IndicatorType.FILE_SHA1;
            case 64 -> IndicatorType.FILE_SHA256.normalise(hash) == null ? null : IndicatorType.FILE_SHA256;
            default -> null;
        };
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
