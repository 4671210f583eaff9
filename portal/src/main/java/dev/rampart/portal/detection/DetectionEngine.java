package dev.rampart.portal.detection;

import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.hunting.CpuMeter;
import dev.rampart.portal.hunting.HuntingRuns;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Correlator;
import dev.rampart.portal.incidents.NewAlert;
import dev.rampart.portal.incidents.SourceEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs one rule: evaluates its query over the look-back (30 days on the first run), skips events already alerted on
 * for the same entity set, raises at most {@value #MAX_ALERTS_PER_RUN} alerts through correlation, and records the run.
 * A rule never runs twice at the same time; a second request while it runs is skipped.
 */
@Service
public class DetectionEngine {
    public static final int MAX_ALERTS_PER_RUN = 100;
    private static final Logger log = LoggerFactory.getLogger(DetectionEngine.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final RuleEvaluator evaluator;
    private final DetectionRules rules;
    private final Correlator correlator;
    private final AddressPrevalence prevalence;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Clock clock = Clock.systemUTC();
    private final CpuMeter meter;
    private final HuntingRuns huntingRuns;
    private final dev.rampart.portal.access.DataScopes scopes;
    private final dev.rampart.portal.response.ResponseActions responses;
    private final org.springframework.beans.factory.ObjectProvider<dev.rampart.portal.incidents.IncidentService> incidents;

    public DetectionEngine(RuleEvaluator evaluator, DetectionRules rules, Correlator correlator, AddressPrevalence prevalence,
                           CpuMeter meter, HuntingRuns huntingRuns, dev.rampart.portal.access.DataScopes scopes,
                           dev.rampart.portal.response.ResponseActions responses,
                           org.springframework.beans.factory.ObjectProvider<dev.rampart.portal.incidents.IncidentService> incidents) {
        this.incidents = incidents;
        this.scopes = scopes;
        this.responses = responses;
        this.meter = meter;
        this.huntingRuns = huntingRuns;
        this.prevalence = prevalence;
        this.evaluator = evaluator;
        this.rules = rules;
        this.correlator = correlator;
    }

    /** The outcome of one run ({@code status}: completed, failed, skipped). */
    public record Outcome(String status, int rows, int alerts, int duplicates, int overLimit, String errorCode, String message,
                          List<String> alertIds) {
    }

    /**
     * @param trigger why it ran: {@code schedule}, {@code manual}, {@code ingest}
     */
    public Outcome run(DetectionRule rule, String trigger) {
        return run(rule, trigger, null, null);
    }

    /**
     * Runs as if the time were {@code asOf} and looking back {@code lookBack} (null = now and the rule's own look-back):
     * harnesses replay recorded events whose timestamps lie in the past.
     */
    public Outcome run(DetectionRule rule, String trigger, Instant asOf, Duration lookBack) {
        if (!running.add(rule.id())) {
            return new Outcome("skipped", 0, 0, 0, 0, null, "Already running.", List.of());
        }
        try {
            return runExclusive(rules.find(rule.id()).orElse(rule), trigger, asOf, lookBack);
        } finally {
            running.remove(rule.id());
        }
    }

    private Outcome runExclusive(DetectionRule rule, String trigger, Instant asOf, Duration lookBackOverride) {
        Instant wall = clock.instant();
        Instant started = asOf != null ? asOf : wall;
        Duration lookBack = lookBackOverride != null ? lookBackOverride
                : rule.lastRunAt() == null ? Frequency.FIRST_RUN_LOOK_BACK : rule.frequency().lookBack();
        Instant nextRun = rule.frequency() == Frequency.NRT ? null : started.plus(rule.frequency().interval());
        Instant from = started.minus(lookBack);
        RuleEvaluator.Evaluation eval;
        // Rule runs share the event store with analysts: they show in the query resources report (not in anyone's quota).
        CpuMeter.Span cpu = meter.start();
        try {
            Set<Long> groups = rule.response().deviceGroups();
            eval = groups.isEmpty() ? evaluator.evaluate(rule.query(), rule.entities(), started, lookBack)
                    : evaluator.evaluate(rule.query(), rule.entities(), started, lookBack, t -> scopes.deviceGroupFilter(groups, t));
            recordHuntingRun(rule, lookBack, "completed", cpu.stop(), wall);
        } catch (RuleEvaluator.RuleRunException e) {
            recordHuntingRun(rule, lookBack, "failed", cpu.stop(), wall);
            rules.recordRun(rule.id(), started, ms(wall), trigger, "failed", e.errorCode(), e.getMessage(), 0, 0, from, started, nextRun);
            return new Outcome("failed", 0, 0, 0, 0, e.errorCode(), e.getMessage(), List.of());
        }
        String serviceSource = serviceSource(rule.query());
        String table = singleTable(rule.query());
        List<String> raised = new ArrayList<>();
        int duplicates = 0;
        int overLimit = 0;
        String errorCode = null;
        String message = null;
        String actionsNote = null;
        // Alerts of one run are correlated together (one transaction, batched writes); claims follow their ids.
        List<NewAlert> alerts = new ArrayList<>();
        List<List<Object[]>> alertedRows = new ArrayList<>();
        List<List<String>> claims = new ArrayList<>();
        try {
            for (RuleEvaluator.Candidate c : eval.candidates()) {
                List<String> hashes = c.eventKeys().stream().map(k -> hash(rule.id() + "|" + c.entitySet() + "|" + k)).toList();
                List<Integer> fresh = new ArrayList<>();
                for (int i = 0; i < hashes.size(); i++) {
                    if (!rules.seen(rule.id(), hashes.get(i))) {
                        fresh.add(i);
                    }
                }
                if (fresh.isEmpty()) {
                    duplicates++;
                    continue;
                }
                if (alerts.size() >= MAX_ALERTS_PER_RUN) {
                    overLimit++;
                    continue;
                }
                Instant first = fresh.stream().map(c.eventTimes()::get).min(Instant::compareTo).orElse(c.first());
                Instant last = fresh.stream().map(c.eventTimes()::get).max(Instant::compareTo).orElse(c.last());
                NewAlert alert = new NewAlert(rule.builtIn() ? "ra" : "ea", fill(rule.title(), c.firstRow()), fill(rule.description(), c.firstRow()),
                        rule.severity(), rule.category(), rule.mitreTechniques(), rule.builtIn() ? serviceSource : "customDetection", serviceSource,
                        rule.key(), rule.recommendedActions(), first, last, prevalence.judge(c.evidence(), started),
                        fresh.stream().map(i -> withTable(c.sourceEvents().get(i), table)).toList());
                alerts.add(alert);
                alertedRows.add(fresh.stream().map(c.rows()::get).toList());
                claims.add(fresh.stream().map(hashes::get).toList());
            }
            List<Alert> stored = alerts.isEmpty() ? List.of() : correlator.raiseAll(alerts);
            for (int i = 0; i < stored.size(); i++) {
                raised.add(stored.get(i).id());
                for (String h : claims.get(i)) {
                    rules.claimEvent(rule.id(), h, stored.get(i).id());
                }
            }
            if (DeceptionRules.generated(rule)) {
                incidents.ifAvailable(s -> stored.stream().map(Alert::incidentId).distinct().forEach(id -> {
                    try {
                        s.addSystemTag(id, DeceptionRules.TAG, "Rampart", "a decoy of a deception rule was used (" + rule.name() + ")");
                    } catch (RuntimeException e) {
                        // The alert stands (and its actions run); only the tag is missing, e.g. the incident was merged meanwhile.
                        log.warn("Tagging incident {} Deception failed: {}", id, e.getMessage());
                    }
                }));
            }
            List<RuleActions.Raised> acted = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
                acted.add(new RuleActions.Raised(stored.get(i), alertedRows.get(i)));
            }
            try {
                actionsNote = RuleActions.take(responses, scopes, rule, eval.columns(), acted);
            } catch (RuntimeException e) {
                // The alerts stand; only their automated actions failed.
                log.warn("Detection rule {} failed while requesting its automated actions", rule.key(), e);
                actionsNote = "Automated actions failed: " + e.getMessage();
            }
        } catch (RuntimeException e) {
            log.warn("Detection rule {} failed while raising alerts", rule.key(), e);
            errorCode = "alertCreationFailed";
            message = "Alert creation failed: " + e.getMessage();
        }
        if (overLimit > 0 && message == null) {
            message = "The limit of " + MAX_ALERTS_PER_RUN + " alerts per run was reached; " + overLimit + " more entity set(s) were not alerted.";
        } else if (eval.truncated() && message == null) {
            message = "Only the first " + RuleEvaluator.MAX_ROWS + " result rows were used.";
        }
        if (actionsNote != null) {
            message = message == null ? actionsNote : message + " " + actionsNote;
        }
        String status = errorCode != null ? (raised.isEmpty() ? "failed" : "partiallyFailed") : "completed";
        rules.recordRun(rule.id(), started, ms(wall), trigger, status, errorCode, message, eval.rowCount(), raised.size(), from, started, nextRun);
        return new Outcome(status, eval.rowCount(), raised.size(), duplicates, overLimit, errorCode, message, raised);
    }

    private void recordHuntingRun(DetectionRule rule, Duration lookBack, String state, Duration cpu, Instant wall) {
        try {
            huntingRuns.record(HuntingRuns.DETECTION, rule.createdBy() == null ? "system" : rule.createdBy(), rule.name(),
                    DeceptionRules.generated(rule) ? DeceptionRules.HIDDEN_QUERY : rule.query(),
                    lookBack.toString(), state, cpu, Duration.between(wall, clock.instant()));
        } catch (RuntimeException e) {
            log.warn("Could not record the run of detection rule {} for the query resources report", rule.key(), e);
        }
    }

    private long ms(Instant started) {
        return Duration.between(started, clock.instant()).toMillis();
    }

    /** Replaces {{Column}} with the first row's value (the reference's dynamic alert titles). */
    static String fill(String template, Map<String, Object> row) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object v = row.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v.toString()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static SourceEvent withTable(SourceEvent e, String table) {
        return new SourceEvent(table, e.deviceId(), e.reportId(), e.occurredAt());
    }

    /** The hunting table the query reads when it reads exactly one, else null. */
    static String singleTable(String query) {
        List<String> read = HuntingSchema.get().tables().stream().map(Table::name)
                .filter(n -> Pattern.compile("\\b" + n + "\\b").matcher(query).find()).toList();
        return read.size() == 1 ? read.get(0) : null;
    }

    /** The Graph serviceSource of the tables a query reads; several products = microsoft365Defender. */
    static String serviceSource(String query) {
        Set<String> sources = new LinkedHashSet<>();
        for (Table t : HuntingSchema.get().tables()) {
            if (Pattern.compile("\\b" + t.name() + "\\b").matcher(query).find()) {
                sources.add(switch (t.workload()) {
                    case "endpoint", "vulnerability" -> "microsoftDefenderForEndpoint";
                    case "identity" -> t.name().startsWith("Identity") ? "microsoftDefenderForIdentity" : "azureAdIdentityProtection";
                    case "email" -> "microsoftDefenderForOffice365";
                    case "cloudapps" -> "microsoftDefenderForCloudApps";
                    default -> "microsoft365Defender";
                });
            }
        }
        return sources.size() == 1 ? sources.iterator().next() : "microsoft365Defender";
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
