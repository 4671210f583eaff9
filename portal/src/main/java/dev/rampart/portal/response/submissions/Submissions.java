package dev.rampart.portal.response.submissions;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.incidents.InvalidValueException;
import dev.rampart.portal.incidents.TuningRule;
import dev.rampart.portal.incidents.AlertTuning;
import dev.rampart.portal.notifications.Notifications;
import dev.rampart.portal.response.indicators.Indicator;
import dev.rampart.portal.response.indicators.IndicatorAction;
import dev.rampart.portal.response.indicators.IndicatorDraft;
import dev.rampart.portal.response.indicators.IndicatorException;
import dev.rampart.portal.response.indicators.IndicatorType;
import dev.rampart.portal.response.indicators.Indicators;
import jakarta.annotation.PreDestroy;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Submissions (Actions &amp; submissions &gt; Submissions): a file hash, URL, email (.eml) or detection sent as a false
 * positive or false negative. The item is stored first, then analysed in the background as the submitter (their data
 * scope bounds detections and prevalence); the submitter is notified when the verdict is in. From a result, an
 * allow/block indicator or an alert tuning rule can be created through those features' services. Everything is audited.
 * Callers check permissions: view with Security data (read), submit with Response (manage), follow-ups with Detection
 * tuning (manage).
 */
@Service
public class Submissions {
    public static final int MAX_EMAIL_BYTES = 25 * 1024 * 1024;
    public static final int PAGE_SIZE = 50;
    private static final Logger log = LoggerFactory.getLogger(Submissions.class);

    private final SubmissionStore store;
    private final SubmissionAnalyzer analyzer;
    private final IncidentService incidents;
    private final Indicators indicators;
    private final AlertTuning tuning;
    private final Notifications notifications;
    private final DataScopes scopes;
    private final AuditLog audit;
    // One analysis at a time: they are short, and the event store is shared with ingest and hunting.
    private final ExecutorService raw = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "submission-analysis");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService worker = new DelegatingSecurityContextExecutorService(raw);

    Submissions(SubmissionStore store, SubmissionAnalyzer analyzer, IncidentService incidents, Indicators indicators, AlertTuning tuning,
                Notifications notifications, DataScopes scopes, AuditLog audit) {
        this.store = store;
        this.analyzer = analyzer;
        this.incidents = incidents;
        this.indicators = indicators;
        this.tuning = tuning;
        this.notifications = notifications;
        this.scopes = scopes;
        this.audit = audit;
    }

    /** What an analyst submits; {@code value}: hash, URL or alert id; {@code content}/{@code fileName}: the .eml for emails. */
    public record Request(String type, String claim, String value, byte[] content, String fileName, String notes) {
    }

    /** Page of the list with its filter. */
    public record ListPage(List<Submission> items, long total, int page, int pageSize) {
        public int pageCount() {
            return (int) Math.max(1, (total + pageSize - 1) / pageSize);
        }
    }

    /** One submission with what its analysis found and what was done with it. */
    public record Details(Submission submission, List<Finding> findings, List<Artifact> artifacts, List<FollowUp> followUps,
                          Alert alert) {
    }

    /** Stores the submission and starts its analysis; returns it as stored (pending). */
    public Submission submit(Request r) {
        SubmissionType type = SubmissionType.parse(r.type());
        Claim claim = Claim.parse(r.claim());
        String notes = r.notes() == null || r.notes().isBlank() ? null : r.notes().strip();
        if (notes != null && notes.length() > 4000) {
            throw new SubmissionException("notes", "is longer than 4000 characters", 400);
        }
        String who = currentUser();
        long id;
        switch (type) {
            case FILE -> {
                String hash = r.value() == null ? "" : r.value().strip().toLowerCase(Locale.ROOT);
                if (SubmissionAnalyzer.hashType(hash) == null) {
                    throw new SubmissionException("value", "must be an MD5 (32), SHA1 (40) or SHA256 (64) hexadecimal file hash", 400);
                }
                id = store.insert(type, claim, hash, notes, who, null, null, null);
            }
            case URL -> {
                String url = r.value() == null ? "" : r.value().strip();
                if (IndicatorType.URL.normalise(url) == null || EmailChecks.host(url) == null) {
                    throw new SubmissionException("value", "must be an http:// or https:// URL with a host", 400);
                }
                id = store.insert(type, claim, url, notes, who, null, null, null);
            }
            case EMAIL -> {
                if (r.content() == null || r.content().length == 0) {
                    throw new SubmissionException("file", "is required: upload the message as an .eml file (RFC 822)", 400);
                }
                if (r.content().length > MAX_EMAIL_BYTES) {
                    throw new SubmissionException("file", "is larger than " + (MAX_EMAIL_BYTES / 1024 / 1024) + " MB", 413);
                }
                ParsedEmail m = EmailParser.parse(r.content());
                String name = r.fileName() == null || r.fileName().isBlank() ? "message.eml" : r.fileName().strip();
                Submission.Email e = new Submission.Email(m.from(), String.join(", ", m.replyTo()), String.join(", ", m.to()), m.subject(),
                        m.messageId(), m.date(), name);
                id = store.insert(type, claim, m.subject() == null || m.subject().isBlank() ? name : m.subject(), notes, who, null, e, r.content());
            }
            case DETECTION -> {
                String alertId = r.value() == null ? "" : r.value().strip();
                if (alertId.isEmpty()) {
                    throw new SubmissionException("value", "is required: the id of the alert", 400);
                }
                Alert a;
                try {
                    a = incidents.alert(alertId);
                } catch (IncidentService.NotFoundException ex) {
                    throw new SubmissionException("value", "no alert " + alertId, 404);
                }
                id = store.insert(type, claim, a.title(), notes, who, a.id(), null, null);
            }
            default -> throw new IllegalStateException(type.name());
        }
        audit.record("submission.create", "submission", String.valueOf(id), type.label() + " as " + claim.label().toLowerCase(Locale.ROOT));
        analyseLater(id);
        return store.get(id).orElseThrow();
    }

    /** Runs the analysis again (the reference's "Resubmit"): findings are replaced, follow-ups kept. */
    public Submission reanalyse(long id) {
        Submission s = get(id);
        if (s.status() == SubmissionStatus.PENDING) {
            throw new SubmissionException("id", "submission " + id + " is still being analysed", 409);
        }
        store.restart(id);
        audit.record("submission.reanalyse", "submission", String.valueOf(id), s.type().label() + " " + s.name());
        analyseLater(id);
        return store.get(id).orElseThrow();
    }

    private void analyseLater(long id) {
        worker.submit(() -> analyse(id));
    }

    /** Runs in the worker with the submitter's security context. */
    void analyse(long id) {
        Submission s = store.get(id).orElse(null);
        if (s == null) {
            return;
        }
        try {
            SubmissionAnalyzer.Result r = analyzer.analyse(s, s.type() == SubmissionType.EMAIL ? store.content(id).orElse(new byte[0]) : null);
            store.complete(id, r.verdict(), r.result(), r.findings(), r.artifacts());
            audit.recordAs("Rampart - submission analysis", "submission.complete", "submission", String.valueOf(id), r.verdict().label() + ": " + r.result());
            notifications.toUser(s.submittedBy(), r.verdict() == SubmissionVerdict.MALICIOUS ? Notifications.Kind.WARNING : Notifications.Kind.SUCCESS,
                    "Submission analysed: " + r.verdict().label(), s.type().label() + " " + s.name() + ": " + r.result(), "/submissions/" + id);
        } catch (RuntimeException e) {
            log.warn("analysis of submission {} failed: {}", id, e.getMessage());
            store.fail(id, e.getMessage());
            audit.recordAs("Rampart - submission analysis", "submission.fail", "submission", String.valueOf(id), e.getMessage());
            notifications.toUser(s.submittedBy(), Notifications.Kind.ERROR, "Submission analysis failed", s.type().label() + " " + s.name() + ": "
                    + e.getMessage(), "/submissions/" + id);
        }
    }

    /** Analyses cut off by a stop of the portal: their identity is gone, so they are failed with a way back (re-analyse). */
    @EventListener(ApplicationReadyEvent.class)
    void failInterrupted() {
        for (long id : store.pending()) {
            store.fail(id, "analysis was interrupted by a restart of the portal; press Re-analyse");
        }
    }

    @PreDestroy
    void stop() {
        raw.shutdownNow();
    }

    /** Newest first. Detection submissions of alerts outside the caller's data scope are left out. */
    public ListPage list(SubmissionType type, SubmissionVerdict verdict, SubmissionStatus status, String submittedBy, OffsetDateTime since, int page) {
        SubmissionStore.Filter f = new SubmissionStore.Filter(type, verdict, status, submittedBy, since);
        long total = store.count(f);
        int p = Math.max(1, Math.min(page, (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE)));
        List<Submission> rows = store.list(f, PAGE_SIZE, (p - 1) * PAGE_SIZE);
        if (scopes.current().restricted()) {
            rows = rows.stream().filter(this::visible).toList();
        }
        return new ListPage(rows, total, p, PAGE_SIZE);
    }

    public Optional<Submission> find(long id) {
        return store.get(id).filter(this::visible);
    }

    /** {@link #find}, or a 404 that does not tell a hidden submission from a missing one. */
    public Submission get(long id) {
        return find(id).orElseThrow(() -> new SubmissionException("id", "no submission " + id, 404));
    }

    public Details details(long id) {
        Submission s = get(id);
        Alert a = null;
        if (s.alertId() != null) {
            try {
                a = incidents.alert(s.alertId());
            } catch (IncidentService.NotFoundException e) {
                // the alert was deleted by retention; the submission keeps its title
            }
        }
        return new Details(s, store.findings(id), store.artifacts(id), store.followUps(id), a);
    }

    /** The submitted message as uploaded. */
    public byte[] message(long id) {
        Submission s = get(id);
        return store.content(s.id()).orElseThrow(() -> new SubmissionException("id", "submission " + id + " has no uploaded message", 404));
    }

    private boolean visible(Submission s) {
        if (s.type() != SubmissionType.DETECTION || s.alertId() == null) {
            return true;
        }
        try {
            incidents.alert(s.alertId());
            return true;
        } catch (IncidentService.NotFoundException e) {
            return false;
        }
    }

    /**
     * Creates (or updates) an allow or block indicator for one of the submission's artifacts through the indicator service.
     * {@code action}: Allow, Block or any indicator action the artifact's type accepts.
     */
    public Indicator createIndicator(long id, String type, String value, String action, String expiresAt, String comment) {
        Submission s = get(id);
        if (s.status() != SubmissionStatus.COMPLETED) {
            throw new SubmissionException("id", "submission " + id + " has no completed analysis yet", 409);
        }
        IndicatorType t;
        try {
            t = IndicatorType.parse(type);
        } catch (IndicatorException e) {
            throw new SubmissionException("indicatorType", e.getMessage(), 400);
        }
        String v = t.normalise(value);
        Artifact artifact = store.artifacts(id).stream().filter(a -> a.type() == t && a.value().equals(v)).findFirst()
                .orElseThrow(() -> new SubmissionException("value", "'" + value + "' is not something this submission's analysis found", 400));
        IndicatorAction a;
        try {
            a = IndicatorAction.parse(action);
        } catch (IndicatorException e) {
            throw new SubmissionException("action", e.getMessage(), 400);
        }
        String title = (a == IndicatorAction.ALLOW ? "Allowed from submission " : "Blocked from submission ") + id + ": " + artifact.label();
        Indicator i;
        try {
            i = indicators.save(new IndicatorDraft(t.name(), v, a.name(), null, title.length() > 300 ? title.substring(0, 300) : title,
                    comment == null || comment.isBlank() ? s.type().label() + " submission " + id + " (" + s.claim().label() + "): " + s.result() : comment.strip(),
                    "High", null, null, expiresAt, List.of()), "submission " + id);
        } catch (IndicatorException e) {
            throw new SubmissionException(e.field(), e.getMessage(), e.status());
        }
        store.followUp(id, "indicator", i.id(), i.action().label() + " " + i.type().label() + " " + i.value(), currentUser());
        audit.record("submission.indicator", "submission", String.valueOf(id), "indicator " + i.id() + ": " + i.action().label() + " " + i.value());
        return i;
    }

    /** An alert tuning rule from a detection submission: alerts with this title (and optionally on this device) are hidden or resolved. */
    public TuningRule createTuningRule(long id, String name, String action, boolean sameDeviceOnly, String comment) {
        Submission s = get(id);
        if (s.type() != SubmissionType.DETECTION) {
            throw new SubmissionException("id", "tuning rules come from detection submissions; submission " + id + " is a " + s.type().label(), 400);
        }
        Alert a;
        try {
            a = incidents.alert(s.alertId());
        } catch (IncidentService.NotFoundException e) {
            throw new SubmissionException("id", "the alert " + s.alertId() + " no longer exists", 409);
        }
        List<TuningRule.Condition> conditions = new ArrayList<>();
        conditions.add(new TuningRule.Condition("title", "equals", a.title()));
        if (sameDeviceOnly) {
            String device = a.evidenceOf(dev.rampart.portal.incidents.EntityType.DEVICE).stream().map(e -> e.key()).findFirst()
                    .orElseThrow(() -> new SubmissionException("sameDeviceOnly", "the alert names no device", 400));
            conditions.add(new TuningRule.Condition("device", "equals", device));
        }
        String ruleName = name == null || name.isBlank() ? "Submission " + id + ": " + a.title() : name.strip();
        TuningRule r;
        try {
            r = tuning.create(ruleName.length() > 200 ? ruleName.substring(0, 200) : ruleName, TuningRule.Action.parse(action == null ? "resolve" : action),
                    conditions, comment == null || comment.isBlank() ? "False positive submission " + id + " by " + currentUser() : comment.strip());
        } catch (InvalidValueException e) {
            throw new SubmissionException(e.field(), e.getMessage(), 400);
        }
        store.followUp(id, "tuningRule", r.id(), r.action().key() + " alerts: " + r.conditions().stream().map(TuningRule.Condition::describe)
                .reduce((x, y) -> x + " and " + y).orElse(""), currentUser());
        audit.record("submission.tuning", "submission", String.valueOf(id), "tuning rule " + r.id() + " " + r.name());
        return r;
    }

    static String currentUser() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || !a.isAuthenticated() ? "system" : a.getName();
    }
}
