package dev.rampart.portal.response.investigation;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.AutomationLevel;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceGroup;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.ActionQuery;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.ActionStatus;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.EstateLookup;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import dev.rampart.portal.response.indicators.Indicator;
import dev.rampart.portal.response.indicators.IndicatorScope;
import dev.rampart.portal.response.indicators.IndicatorType;
import dev.rampart.portal.response.indicators.Indicators;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Automated investigations as a transparent playbook: collect the alerts' entities, judge each with
 * {@link VerdictRules} (indicators, prevalence in the estate, other alerts naming it), and propose remediation for the
 * malicious ones through {@link ResponseActions#propose}: run at once when the device group's automation level is
 * Full, otherwise waiting for approval in the action center. Every step is logged on the investigation; starts are
 * audited. Investigations of devices outside the caller's data scope are invisible.
 */
@Service
public class Investigations {
    /** Malicious entities from which the playbook also proposes isolating the device. */
    public static final int ISOLATE_FROM = 3;
    private static final int MAX_LIST = 1000;
    private static final Pattern HEX = Pattern.compile("^[0-9a-f]+$");

    private final InvestigationStore store;
    private final IncidentService incidents;
    private final Indicators indicators;
    private final EstateLookup estate;
    private final ResponseActions actions;
    private final DeviceGroupMembership membership;
    private final DeviceGroups groups;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final IndicatorScope indicatorScope;

    Investigations(InvestigationStore store, IncidentService incidents, Indicators indicators, EstateLookup estate, ResponseActions actions,
                   DeviceGroupMembership membership, DeviceGroups groups, DataScopes scopes, AuditLog audit, IndicatorScope indicatorScope) {
        this.store = store;
        this.incidents = incidents;
        this.indicators = indicators;
        this.estate = estate;
        this.actions = actions;
        this.membership = membership;
        this.groups = groups;
        this.scopes = scopes;
        this.audit = audit;
        this.indicatorScope = indicatorScope;
    }

    /** The investigation with its effective state, if it exists and its device is in the caller's data scope. */
    public Optional<Investigation> find(long id) {
        return store.get(id).filter(i -> scopes.devices().coversId(i.deviceId())).map(this::effective);
    }

    /** {@link #find}, or a 404 that does not tell a hidden investigation from a missing one. */
    public Investigation get(long id) {
        return find(id).orElseThrow(() -> new InvestigationException("id", "no investigation " + id, 404));
    }

    /** Newest first (of the latest 1,000), inside the caller's data scope, optionally only in {@code state}. */
    public List<Investigation> list(InvestigationState state, int limit) {
        var visible = scopes.devices();
        return store.recent(MAX_LIST).stream().filter(i -> visible.coversId(i.deviceId())).map(this::effective)
                .filter(i -> state == null || i.state() == state).limit(Math.max(1, limit)).toList();
    }

    public List<Investigation.Entity> entities(long id) {
        get(id);
        return store.entities(id);
    }

    public List<Investigation.LogEntry> log(long id) {
        get(id);
        return store.log(id);
    }

    /** The graph of the investigation: device, alerts, and judged entities coloured by verdict (see {@link InvestigationGraph}). */
    public Map<String, Object> graph(long id) {
        Investigation inv = get(id);
        List<Investigation.Entity> entities = store.entities(id);
        Map<String, InvestigationGraph.AlertLabel> labels = new LinkedHashMap<>();
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        if (inv.alertId() != null) {
            ids.add(inv.alertId());
        }
        entities.forEach(e -> ids.addAll(e.alertIds()));
        for (String a : ids) {
            try {
                Alert al = incidents.alert(a);
                labels.put(a, new InvestigationGraph.AlertLabel(a, al.title(), al.severity().label()));
            } catch (IncidentService.NotFoundException e) {
                labels.put(a, new InvestigationGraph.AlertLabel(a, null, null));
            }
        }
        return InvestigationGraph.build(inv, entities, labels);
    }

    /** Remediation actions the investigation proposed or ran, oldest first. */
    public List<ResponseAction> actionsOf(long id) {
        get(id);
        return remediation(id);
    }

    private List<ResponseAction> remediation(long id) {
        List<ResponseAction> out = new ArrayList<>();
        actions.forEach(new ActionQuery(Set.of(), Set.of(), null, null, null, null, null, null, id, null, null), out::add);
        out.sort(java.util.Comparator.comparingLong(ResponseAction::id));
        return out;
    }

    /**
     * Starts an investigation of the alert as the signed-in user (who must see the alert) and runs the playbook now.
     *
     * @throws InvestigationException 404 for an alert the caller cannot see, 422 when the alert names no known device
     */
    public Investigation start(String alertId) {
        if (alertId == null || alertId.isBlank()) {
            throw new InvestigationException("alertId", "is required", 400);
        }
        Alert alert;
        try {
            alert = incidents.alert(alertId.strip());
        } catch (IncidentService.NotFoundException e) {
            throw new InvestigationException("alertId", "no alert " + alertId.strip(), 404);
        }
        EstateLookup.Device device = alert.evidenceOf(EntityType.DEVICE).stream()
                .map(e -> estate.device(e.display()).or(() -> estate.device(e.key()))).flatMap(Optional::stream)
                // Alerts (manage) counts only on the devices of the assignments that grant it.
                .filter(d -> scopes.devicesFor(Permission.ALERTS_MANAGE).coversId(d.deviceId())).findFirst()
                .orElseThrow(() -> new InvestigationException("alertId", "alert " + alert.id()
                        + " names no device known to the event store (DeviceInfo) where your roles grant Alerts (manage); there is nothing to investigate on", 422));
        return get(run(List.of(alert), device.deviceId(), device.deviceName(), "alert " + alert.id()));
    }

    /**
     * Runs an investigation of a device for the action type {@link ActionType#INITIATE_AUTOMATED_INVESTIGATION}:
     * the action's alert, or else the device's newest open alerts (up to 10). Returns the investigation id.
     */
    public long startForDevice(String deviceId, String deviceName, String alertId) {
        List<Alert> alerts = new ArrayList<>();
        List<String> ids = alertId != null ? List.of(alertId) : store.openAlertsOnDevice(shortName(deviceName == null ? deviceId : deviceName), 10);
        for (String id : ids) {
            try {
                alerts.add(incidents.alert(id));
            } catch (IncidentService.NotFoundException e) {
                // an alert the requester cannot see is not evidence for them
            }
        }
        return run(alerts, deviceId, deviceName, alertId != null ? "alert " + alertId : "device " + (deviceName == null ? deviceId : deviceName));
    }

    private long run(List<Alert> alerts, String deviceId, String deviceName, String subject) {
        String who = currentUser();
        AutomationLevel level = automationLevel(deviceId);
        Alert first = alerts.isEmpty() ? null : alerts.get(0);
        long id = store.insert(first == null ? null : first.id(), first == null ? null : first.incidentId(), deviceId, deviceName, level, who);
        audit.record("investigation.start", "investigation", String.valueOf(id), "Automated investigation of " + subject + " on "
                + (deviceName == null ? deviceId : deviceName));
        store.log(id, "Start", "Started by " + who + " for " + subject + " on device " + (deviceName == null ? deviceId : deviceName) + ".");
        store.log(id, "Automation level", "Device group automation level: " + level.label() + ". " + levelMeaning(level));
        try {
            Map<Evidence, List<String>> evidence = collect(alerts);
            store.log(id, "Collect evidence", "Collected " + evidence.size() + " entities from " + alerts.size() + (alerts.size() == 1 ? " alert" : " alerts")
                    + (alerts.isEmpty() ? " (no open alert names this device)" : ": " + String.join(", ", alerts.stream().map(Alert::id).toList())) + ".");
            List<String> alertIds = alerts.stream().map(Alert::id).toList();
            List<Evidence> malicious = new ArrayList<>();
            for (Map.Entry<Evidence, List<String>> en : evidence.entrySet()) {
                Evidence e = en.getKey();
                VerdictRules.Judgement j = VerdictRules.judge(facts(e, deviceId, deviceName, alertIds));
                store.entity(id, e.type().label(), e.key(), e.display(), j.verdict(), j.reasons(), en.getValue());
                store.log(id, "Verdict", e.label() + ": " + j.verdict().label() + " (" + String.join("; ", j.reasons()) + ")");
                if (j.verdict() == Verdict.MALICIOUS) {
                    malicious.add(e);
                }
            }
            if (malicious.isEmpty()) {
                store.log(id, "Conclusion", "No malicious entity: no remediation proposed.");
                store.end(id, InvestigationState.NO_THREATS_FOUND, null);
                return id;
            }
            int[] proposed = remediate(id, malicious, deviceId, first, level);
            if (proposed[0] + proposed[1] == 0) {
                store.log(id, "Conclusion", malicious.size() + " malicious entities but no remediation could be proposed.");
                store.end(id, InvestigationState.FAILED, "no remediation action could be created for the malicious entities");
            } else {
                store.log(id, "Conclusion", (proposed[0] + proposed[1]) + " remediation action" + (proposed[0] + proposed[1] == 1 ? "" : "s") + " for "
                        + malicious.size() + " malicious " + (malicious.size() == 1 ? "entity" : "entities") + ": " + proposed[0] + " started, "
                        + proposed[1] + " waiting for approval.");
            }
        } catch (RuntimeException e) {
            store.log(id, "Failed", "The playbook stopped: " + e.getMessage());
            store.end(id, InvestigationState.FAILED, e.getMessage());
        }
        return id;
    }

    /**
     * Distinct entities of the alerts with the ids of the alerts naming each, without devices (the device is the
     * subject) and mailboxes (nothing to judge them by).
     */
    private static Map<Evidence, List<String>> collect(List<Alert> alerts) {
        Map<String, Evidence> first = new LinkedHashMap<>();
        Map<String, List<String>> named = new LinkedHashMap<>();
        for (Alert a : alerts) {
            for (Evidence e : a.evidence()) {
                if (e.type() != EntityType.DEVICE && e.type() != EntityType.MAILBOX) {
                    String k = e.type().key() + "|" + e.key();
                    first.putIfAbsent(k, e);
                    List<String> ids = named.computeIfAbsent(k, x -> new ArrayList<>());
                    if (!ids.contains(a.id())) {
                        ids.add(a.id());
                    }
                }
            }
        }
        Map<Evidence, List<String>> out = new LinkedHashMap<>();
        first.forEach((k, e) -> out.put(e, named.get(k)));
        return out;
    }

    private static String levelMeaning(AutomationLevel level) {
        return switch (level) {
            case FULL -> "Remediation runs automatically.";
            case SEMI_ALL_FOLDERS -> "Every remediation waits for an analyst's approval in the action center.";
            case SEMI_CORE_FOLDERS -> "File remediation in core (system) folders such as \\Windows\\ waits for approval; other files are remediated automatically; "
                    + "other remediation waits for approval.";
            case SEMI_NON_TEMP_FOLDERS -> "File remediation in temporary folders (user temp, \\Windows\\Temp, Downloads) runs automatically; other files "
                    + "and other remediation wait for approval.";
            case NONE -> "Nothing runs automatically: every proposed remediation waits for approval.";
        };
    }

    private VerdictRules.Facts facts(Evidence e, String deviceId, String deviceName, List<String> alertIds) {
        long others = store.otherAlertsNaming(e.type().key(), e.key(), alertIds);
        Optional<Indicator> ind = Optional.empty();
        Long devices = null;
        switch (e.type()) {
            case FILE -> {
                IndicatorType t = fileHashType(e.key());
                if (t != null) {
                    ind = indicators.find(t, e.key());
                    devices = estate.filePrevalence(e.key());
                }
            }
            case IP -> {
                ind = indicators.find(IndicatorType.IP, e.key());
                devices = estate.addressPrevalence(e.key());
            }
            case URL -> {
                String host = host(e.display());
                ind = indicators.find(IndicatorType.URL, e.display()).or(() -> host == null ? Optional.empty() : indicators.find(IndicatorType.DOMAIN, host));
                devices = estate.urlPrevalence(host == null ? e.key() : host);
            }
            default -> {
                // users and processes: judged by other detections only
            }
        }
        OffsetDateTime now = OffsetDateTime.now();
        Indicator i = ind.filter(x -> x.active(now) && indicatorScope.applies(x, deviceId, deviceName)).orElse(null);
        return new VerdictRules.Facts(i == null ? null : i.action(), i == null ? null : "#" + i.id() + " " + i.title(), devices, others);
    }

    /** Proposes remediation for the malicious entities; returns {started automatically, waiting for approval}. */
    private int[] remediate(long id, List<Evidence> malicious, String deviceId, Alert alert, AutomationLevel level) {
        record Step(ActionRequest request, FolderPolicy.Outcome outcome) {
        }
        List<Step> steps = new ArrayList<>();
        String because = "Automated investigation " + id + ": ";
        for (Evidence e : malicious) {
            switch (e.type()) {
                case FILE -> {
                    if (e.key().length() == 40 || e.key().length() == 64) {
                        String folder = estate.fileFolder(e.key(), deviceId).orElse(null);
                        steps.add(new Step(request(ActionType.STOP_AND_QUARANTINE_FILE, e.key(), deviceId, because + "malicious file"
                                + (folder == null ? "" : " in " + folder), alert), FolderPolicy.forFile(level, folder)));
                    } else {
                        store.log(id, "Remediation", e.label() + ": quarantine needs a SHA1 or SHA256; add one to take action.");
                    }
                }
                case IP -> steps.add(new Step(request(ActionType.BLOCK_IP, e.key(), null, because + "malicious address", alert), FolderPolicy.forOther(level)));
                case URL -> steps.add(new Step(request(ActionType.BLOCK_URL, e.display(), null, because + "malicious URL", alert), FolderPolicy.forOther(level)));
                default -> store.log(id, "Remediation", e.label() + ": no remediation action in the catalogue for this entity type.");
            }
        }
        if (malicious.size() >= ISOLATE_FROM) {
            steps.add(new Step(request(ActionType.ISOLATE_DEVICE, deviceId, null, because + malicious.size() + " malicious entities on the device", alert),
                    FolderPolicy.forOther(level)));
        }
        int[] created = new int[2];
        for (Step st : steps) {
            ActionRequest r = st.request();
            try {
                for (ResponseAction a : actions.propose(r, id, st.outcome().automatic())) {
                    created[a.status() == ActionStatus.PENDING_APPROVAL ? 1 : 0]++;
                    store.log(id, "Remediation", a.type().label() + " on " + a.targetLabel() + ": action " + a.id() + " "
                            + a.status().label().toLowerCase(Locale.ROOT) + ". " + st.outcome().reason() + ".");
                }
            } catch (ActionException ex) {
                store.log(id, "Remediation", r.type().label() + " on " + r.targetId() + " could not be proposed: " + ex.field() + " " + ex.getMessage());
            }
        }
        return created;
    }

    private static ActionRequest request(ActionType type, String target, String deviceId, String comment, Alert alert) {
        return new ActionRequest(type, target, deviceId, Map.of(), comment, alert == null ? null : alert.incidentId(), alert == null ? null : alert.id());
    }

    /** The stored state, or for an investigation that proposed remediation, the state its actions add up to. */
    private Investigation effective(Investigation i) {
        if (i.state() != InvestigationState.RUNNING) {
            return i;
        }
        List<ResponseAction> acts = remediation(i.id());
        if (acts.isEmpty()) {
            return i;
        }
        InvestigationState s;
        if (acts.stream().anyMatch(a -> a.status() == ActionStatus.PENDING_APPROVAL)) {
            s = InvestigationState.PENDING_APPROVAL;
        } else if (acts.stream().anyMatch(a -> !a.status().isFinal())) {
            s = InvestigationState.RUNNING;
        } else if (acts.stream().allMatch(a -> a.status() == ActionStatus.COMPLETED)) {
            s = InvestigationState.REMEDIATED;
        } else {
            s = InvestigationState.PARTIALLY_REMEDIATED;
        }
        OffsetDateTime ended = s == InvestigationState.REMEDIATED || s == InvestigationState.PARTIALLY_REMEDIATED
                ? acts.stream().map(a -> a.completedAt() != null ? a.completedAt() : a.updatedAt()).max(OffsetDateTime::compareTo).orElse(null) : null;
        return new Investigation(i.id(), i.alertId(), i.incidentId(), i.deviceId(), i.deviceName(), i.automationLevel(), s, i.startedBy(),
                i.startedAt(), ended, i.failure());
    }

    private AutomationLevel automationLevel(String deviceId) {
        Long g = membership.current().groupOfDevice().get(deviceId);
        if (g == null) {
            g = membership.refresh().groupOfDevice().get(deviceId);
        }
        Optional<DeviceGroup> group = g == null ? groups.all().stream().filter(DeviceGroup::isDefault).findFirst() : groups.find(g);
        // The reference's default for new tenants is Semi (approval for all folders).
        return group.map(DeviceGroup::automationLevel).orElse(AutomationLevel.SEMI_ALL_FOLDERS);
    }

    static IndicatorType fileHashType(String key) {
        if (key == null || !HEX.matcher(key).matches()) {
            return null;
        }
        return switch (key.length()) {
            case 32 -> IndicatorType.FILE_MD5;
            case 40 -> IndicatorType.FILE_SHA1;
            case 64 -> IndicatorType.FILE_SHA256;
            default -> null;
        };
    }

    private static String host(String url) {
        try {
            String h = java.net.URI.create(url.strip()).getHost();
            return h == null ? (url.contains("/") ? null : url.strip().toLowerCase(Locale.ROOT)) : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String shortName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.indexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private static String currentUser() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || !a.isAuthenticated() ? "system" : a.getName();
    }
}
