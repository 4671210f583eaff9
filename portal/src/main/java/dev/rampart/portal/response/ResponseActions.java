package dev.rampart.portal.response;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.notifications.Notifications;
import dev.rampart.portal.response.sensors.Sensor;
import dev.rampart.portal.response.sensors.SensorRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests, approves, rejects, cancels and undoes response actions, hands them to sensors and records their results.
 * Every change is audited; the requester (or, for automated actions, Response managers) is notified of the outcome.
 * Manual requests check the catalogue's permissions against the signed-in user; {@link #propose} is for automated
 * investigations and runs as the system.
 */
@Service
public class ResponseActions {
    public static final Duration APPROVAL_TIMEOUT = Duration.ofDays(7);
    /** Offline devices get their action when they come back, for up to 3 days (the reference's isolation retry). */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofDays(3);
    public static final Duration EXECUTION_TIMEOUT = Duration.ofDays(1);
    public static final Duration FILE_SEEN_WINDOW = Duration.ofDays(30);
    public static final int MAX_FILE_DEVICES = 1000;
    public static final String AUTOMATION_ACTOR = "Automated investigation";
    /** Requester of a custom detection rule's automated actions: this prefix and the rule's name. */
    public static final String RULE_ACTOR_PREFIX = "Custom detection: ";
    /** Who requests the actions of automatic attack disruption. */
    public static final String DISRUPTION_ACTOR = "Attack disruption";

    private final ActionStore store;
    private final EstateLookup estate;
    private final SensorRegistry sensors;
    private final AuditLog audit;
    private final Notifications notifications;
    private final ObjectProvider<PortalActionHandler> handlers;
    private final DataScopes scopes;

    private final org.springframework.transaction.support.TransactionTemplate separate;

    ResponseActions(ActionStore store, EstateLookup estate, SensorRegistry sensors, AuditLog audit, Notifications notifications,
                    ObjectProvider<PortalActionHandler> handlers, DataScopes scopes,
                    org.springframework.transaction.PlatformTransactionManager transactions) {
        this.separate = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.scopes = scopes;
        this.store = store;
        this.estate = estate;
        this.sensors = sensors;
        this.audit = audit;
        this.notifications = notifications;
        this.handlers = handlers;
    }

    /**
     * The action, if it exists and the caller's data scope shows it: actions on a device (its target or the device
     * that runs it) are visible only with that device; actions on users, mail, addresses and URLs to everyone.
     */
    public Optional<ResponseAction> find(long id) {
        DeviceFilter visible = scopes.devices();
        return store.get(id).filter(a -> visible(a, visible));
    }

    /** {@link #find}, or a 404 that does not tell a hidden action from a missing one. */
    public ResponseAction get(long id) {
        return find(id).orElseThrow(() -> new ActionException("id", "no action " + id, 404));
    }

    // For bookkeeping after the caller was allowed to act, and for sensors and automation.
    private ResponseAction load(long id) {
        return store.get(id).orElseThrow(() -> new ActionException("id", "no action " + id, 404));
    }

    static boolean visible(ResponseAction a, DeviceFilter devices) {
        if (a.deviceId() != null) {
            return devices.coversId(a.deviceId());
        }
        return a.targetType() != TargetType.DEVICE || devices.coversId(a.targetId());
    }

    /** Actions matching {@code q} inside the caller's data scope, newest first. */
    public ActionPage list(ActionQuery q, int page, int pageSize) {
        return store.page(q, scopes.devices(), page, Math.max(1, Math.min(pageSize, 500)), false);
    }

    public void forEach(ActionQuery q, Consumer<ResponseAction> sink) {
        store.forEach(q, scopes.devices(), sink);
    }

    /**
     * Actions linked to any of the incidents or to any of the alerts (the incident page lists both: an action
     * requested from an alert keeps its alert when the alert moves to another incident), newest first; only those on
     * devices inside the caller's data scope (actions without a device are kept).
     */
    public List<ResponseAction> linkedTo(java.util.Collection<Long> incidentIds, java.util.Collection<String> alertIds, int limit) {
        var devices = scopes.devices();
        return store.linkedTo(List.copyOf(incidentIds), List.copyOf(alertIds), Math.max(1, limit)).stream()
                .filter(a -> a.deviceId() == null || devices.coversId(a.deviceId())).toList();
    }

    /** Actions in {@code status} inside the caller's data scope. */
    public long count(ActionStatus status) {
        return store.page(new ActionQuery(Set.of(status), Set.of(), null, null, null, null, null, null, null, null, null),
                scopes.devices(), 1, 1, false).total();
    }

    /** Whether the caller's data scope shows the device with this id (and so its actions and response panel). */
    public boolean deviceVisible(String deviceId) {
        return scopes.devices().coversId(deviceId);
    }

    /**
     * The devices on which the caller may request {@code type}: those where some assignment grants each permission
     * the type needs (and data is visible), not merely those of the caller's union of permissions and scopes.
     */
    private DeviceFilter actable(ActionType type) {
        return scopes.devicesFor(type.needs().toArray(new Permission[0]));
    }

    /** Whether the caller may request actions needing {@code permission} on the device with this id. */
    public boolean mayActOn(String deviceId, Permission permission) {
        return AccessPolicy.can(SecurityContextHolder.getContext().getAuthentication(), permission) && scopes.devicesFor(permission).coversId(deviceId);
    }

    // Deciding on an action on a device needs Response (manage) where that device is; cancelling needs what requesting it needed.
    private void requireOn(ResponseAction a, java.util.Collection<Permission> needed) {
        if (a.targetType() == TargetType.EMAIL) {
            requireMailboxReach();
        }
        if (a.type() == ActionType.CONTAIN_USER || a.type() == ActionType.RELEASE_USER_CONTAINMENT) {
            requireEveryDevice(a.type());
        }
        if (!visible(a, scopes.devicesFor(needed.toArray(new Permission[0])))) {
            throw new ActionException("id", "action " + a.id() + " is on a device outside the device groups where your roles grant "
                    + needed.stream().map(p -> p.label() + " (" + p.level().name().toLowerCase() + ")").sorted().toList(), 403);
        }
    }

    // Mail has no device scope: the roles granting Response (manage) either cover the email workload or not.
    private void requireMailboxReach() {
        if (!scopes.eventFilters(Permission.RESPONSE_MANAGE).on("EmailEvents").alwaysTrue()) {
            throw new ActionException("target", "your roles with Response (manage) do not cover mailboxes", 403);
        }
    }

    // Every device sensor enforces a user containment, so requesting or lifting one needs Response (manage) on all devices.
    private void requireEveryDevice(ActionType t) {
        if (!scopes.devicesFor(Permission.RESPONSE_MANAGE).all()) {
            throw new ActionException("type", t.label() + " applies on every device; it needs Response (manage) on all devices", 403);
        }
    }

    /** Actions waiting for a sensor on {@code deviceId}, whoever asks (the sensor protocol). */
    public long pendingFor(String deviceId) {
        return store.page(new ActionQuery(Set.of(ActionStatus.PENDING), Set.of(), null, null, deviceId, null, null, null, null, null, null),
                DeviceFilter.ALL, 1, 1, false).total();
    }

    /**
     * Requests an action as the signed-in user. Returns one action, or one per device for file actions without a
     * device (every device that saw the file in the last 30 days, at most 1,000).
     *
     * @throws ActionException for a missing comment, an unknown target, or a permission the type needs and the user lacks
     */
    @Transactional
    public List<ResponseAction> request(ActionRequest r, String source) {
        if (!available(r.type())) {
            throw new ActionException("type", r.type().label() + " is not available in this installation (no executor)");
        }
        for (Permission p : r.type().needs()) {
            if (!AccessPolicy.can(SecurityContextHolder.getContext().getAuthentication(), p)) {
                throw new ActionException("type", r.type().label() + " needs the " + p.label() + " (" + p.level().name().toLowerCase() + ") permission", 403);
            }
        }
        ActionStatus initial = r.type().twoStep() ? ActionStatus.PENDING_APPROVAL : ActionStatus.PENDING;
        return create(scopedIndicator(r), source, currentUser(), initial, null, null, actable(r.type()), null, null);
    }

    /**
     * A file indicator from a user whose Response (manage) covers only some device groups applies to those groups only;
     * such a user may not allow a file (an allow indicator would whitelist it on devices outside their groups).
     */
    private ActionRequest scopedIndicator(ActionRequest r) {
        if (r.type() != ActionType.ADD_FILE_INDICATOR) {
            return r;
        }
        Optional<Set<Long>> groups = scopes.current(Permission.RESPONSE_MANAGE).deviceGroups(dev.rampart.portal.access.DataScopes.ENDPOINT);
        if (groups.isEmpty()) {
            return r;
        }
        if ("Allowed".equalsIgnoreCase(r.parameters().getOrDefault("indicatorAction", ""))) {
            throw new ActionException("parameters.indicatorAction", "your roles grant Response (manage) on some device groups only;"
                    + " allowing a file is for users who may act on every device", 403);
        }
        Map<String, String> p = new LinkedHashMap<>(r.parameters());
        p.put("deviceGroups", String.join(",", groups.get().stream().sorted().map(String::valueOf).toList()));
        return new ActionRequest(r.type(), r.targetId(), r.deviceId(), p, r.comment(), r.incidentId(), r.alertId());
    }

    /** Actions requested together under one approval id. */
    public record Batch(String id, String name, List<ResponseAction> actions) {
    }

    /**
     * Requests several actions as the signed-in user under one approval id and remediation name (advanced hunting's
     * "Take actions"): all of them or, when any is refused, none. Each is checked as {@link #request} checks one; a
     * refusal names the action and target it concerns.
     *
     * @throws ActionException for a missing name, no actions, or the first refused action
     */
    @Transactional
    public Batch requestBatch(List<ActionRequest> requests, String name, String source) {
        String n = TargetRules.required(name, "name", 200);
        if (requests.isEmpty()) {
            throw new ActionException("actions", "choose at least one action and one target");
        }
        String batchId = newBatchId();
        while (store.batchExists(batchId)) {
            batchId = newBatchId();
        }
        List<ResponseAction> out = new ArrayList<>();
        // Portal-executed actions (indicators, investigations) start once every action is stored and committed: a refusal
        // further down the list then leaves nothing half done, and the batch's transaction stays short.
        List<Long> deferred = new ArrayList<>();
        for (ActionRequest r : requests) {
            try {
                if (!available(r.type())) {
                    throw new ActionException("type", "is not available in this installation (no executor)");
                }
                for (Permission p : r.type().needs()) {
                    if (!AccessPolicy.can(SecurityContextHolder.getContext().getAuthentication(), p)) {
                        throw new ActionException("type", "needs the " + p.label() + " (" + p.level().name().toLowerCase() + ") permission", 403);
                    }
                }
                ActionStatus initial = r.type().twoStep() ? ActionStatus.PENDING_APPROVAL : ActionStatus.PENDING;
                out.addAll(create(scopedIndicator(r), source, currentUser(), initial, null, null, actable(r.type()), batchId, n, deferred));
            } catch (ActionException e) {
                throw new ActionException(e.field(), r.type().label() + " on " + r.targetId()
                        + (r.deviceId() == null ? "" : " (device " + r.deviceId() + ")") + ": " + e.getMessage(), e.status());
            }
        }
        audit.record("response.batch.request", "response_batch", batchId, out.size() + " action(s) \"" + n + "\"");
        afterCommit(deferred);
        return new Batch(batchId, n, out);
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    // Short enough to read out on a call, random enough not to collide: 40 bits in Crockford base32.
    private static String newBatchId() {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        long v = RANDOM.nextLong() & 0xFF_FFFF_FFFFL;
        StringBuilder b = new StringBuilder("AH-");
        for (int i = 0; i < 8; i++) {
            b.append(alphabet.charAt((int) (v >>> (35 - 5 * i)) & 31));
        }
        return b.toString();
    }

    /**
     * Creates an action proposed by automation (an investigation, or a block-and-remediate indicator when
     * {@code investigationId} is null); it waits for approval unless {@code autoRun}.
     */
    @Transactional
    public List<ResponseAction> propose(ActionRequest r, Long investigationId, boolean autoRun) {
        String source = r.type().target() == TargetType.EMAIL ? ResponseAction.AUTOMATED_EMAIL : ResponseAction.AUTOMATED_DEVICE;
        return create(r, source, AUTOMATION_ACTOR, autoRun ? ActionStatus.PENDING : ActionStatus.PENDING_APPROVAL, investigationId, null, DeviceFilter.ALL,
                null, null);
    }

    /**
     * An automated action of a custom detection rule, run without approval. {@code devices}: those the rule may act on
     * (its device groups, and where its last editor holds the action's permissions); others are refused as unknown.
     */
    @Transactional
    public List<ResponseAction> proposeForRule(ActionRequest r, String requester, DeviceFilter devices) {
        String source = r.type().target() == TargetType.EMAIL ? ResponseAction.AUTOMATED_EMAIL : ResponseAction.AUTOMATED_DEVICE;
        return create(r, source, requester, ActionStatus.PENDING, null, null, devices, null, null);
    }

    /**
     * An action of automatic attack disruption: it runs at once, without approval, on any device, requested by
     * {@link #DISRUPTION_ACTOR} with the source {@link ResponseAction#ATTACK_DISRUPTION}.
     */
    @Transactional
    public List<ResponseAction> disrupt(ActionRequest r) {
        return create(r, ResponseAction.ATTACK_DISRUPTION, DISRUPTION_ACTOR, ActionStatus.PENDING, null, null, DeviceFilter.ALL, null, null);
    }

    private void afterCommit(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            ids.forEach(this::executeInPortal);
            return;
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        // The committed transaction's resources are still bound here: each action runs in its own.
                        ids.forEach(id -> separate.executeWithoutResult(st -> executeInPortal(id)));
                    }
                });
    }

    private static boolean automated(String requester) {
        return requester.equals(AUTOMATION_ACTOR) || requester.equals(DISRUPTION_ACTOR) || requester.startsWith(RULE_ACTOR_PREFIX);
    }

    /** False for portal-executed types whose executor is not installed (then they cannot be requested). */
    public boolean available(ActionType t) {
        return t.executor() != Executor.PORTAL || handlers.orderedStream().anyMatch(h -> h.handles(t));
    }

    /** {@code devices}: those the requester may act on; others are refused as if unknown. */
    private List<ResponseAction> create(ActionRequest r, String source, String requester, ActionStatus initial, Long investigationId, Long undoOf,
                                        DeviceFilter devices, String batchId, String batchName) {
        return create(r, source, requester, initial, investigationId, undoOf, devices, batchId, batchName, null);
    }

    /** {@code deferred}: when not null, portal-executed actions are collected there instead of being run now. */
    private List<ResponseAction> create(ActionRequest r, String source, String requester, ActionStatus initial, Long investigationId, Long undoOf,
                                        DeviceFilter devices, String batchId, String batchName, List<Long> deferred) {
        String comment = TargetRules.required(r.comment(), "comment", 4000);
        ActionType t = r.type();
        Map<String, String> params = new LinkedHashMap<>(r.parameters());
        List<String[]> targets = new ArrayList<>(); // {targetId, targetName, deviceId}
        switch (t.target()) {
            case DEVICE -> {
                String[] d = device(TargetRules.required(r.targetId(), "target", 300), "target", devices);
                targets.add(new String[] {d[0], d[1], t.executor() == Executor.DEVICE_SENSOR ? d[0] : null});
                if (t == ActionType.RUN_ANTIVIRUS_SCAN) {
                    String scan = params.getOrDefault("scanType", "quick").toLowerCase(java.util.Locale.ROOT);
                    if (!scan.equals("quick") && !scan.equals("full")) {
                        throw new ActionException("parameters.scanType", "must be quick or full");
                    }
                    params.put("scanType", scan);
                }
            }
            case FILE -> {
                String hash = TargetRules.fileHash(TargetRules.required(r.targetId(), "target", 64));
                if (t.executor() != Executor.DEVICE_SENSOR) {
                    targets.add(new String[] {hash, params.getOrDefault("fileName", null), null});
                } else if (r.deviceId() != null && !r.deviceId().isBlank()) {
                    String[] d = device(r.deviceId(), "deviceId", devices);
                    targets.add(new String[] {hash, params.get("fileName"), d[0]});
                    params.put("deviceName", d[1]);
                } else {
                    List<EstateLookup.Device> seen = estate.devicesWithFile(hash, FILE_SEEN_WINDOW, MAX_FILE_DEVICES).stream()
                            .filter(d -> devices.coversId(d.deviceId())).toList();
                    if (seen.isEmpty()) {
                        throw new ActionException("deviceId", "the file was not seen on any device in the last 30 days; name a device");
                    }
                    seen.forEach(d -> targets.add(new String[] {hash, params.get("fileName"), d.deviceId()}));
                }
            }
            case USER -> {
                if (t == ActionType.CONTAIN_USER || t == ActionType.RELEASE_USER_CONTAINMENT) {
                    requireEveryDevice(t);
                }
                targets.add(new String[] {TargetRules.required(r.targetId(), "target", 300), null, null});
            }
            case EMAIL -> {
                String recipient = TargetRules.required(params.get("recipient"), "parameters.recipient", 300);
                if (!TargetRules.EMAIL.matcher(recipient).matches()) {
                    throw new ActionException("parameters.recipient", "'" + recipient + "' is not an email address");
                }
                String message = TargetRules.required(r.targetId(), "target", 200);
                // Whoever acts on mail must hold Response (manage) where mail is (hunting rows and API calls name any message).
                requireMailboxReach();
                targets.add(new String[] {message, params.get("subject"), null});
            }
            case IP -> targets.add(new String[] {TargetRules.ip(TargetRules.required(r.targetId(), "target", 100)), null, null});
            case URL -> targets.add(new String[] {TargetRules.urlOrDomain(TargetRules.required(r.targetId(), "target", 2000)), null, null});
        }
        OffsetDateTime now = now();
        List<ResponseAction> created = new ArrayList<>();
        for (String[] tg : targets) {
            Map<String, String> p = new LinkedHashMap<>(params);
            if (tg[2] != null && t.target() == TargetType.FILE) {
                estate.device(tg[2]).ifPresent(d -> p.put("deviceName", d.deviceName()));
            }
            long id = store.insert(new ActionStore.NewRow(t, tg[0], tg[1], tg[2], p, initial, source, requester, comment,
                    r.incidentId(), r.alertId(), investigationId, undoOf, batchId, batchName), now);
            audit.recordAs(requester, "response.action.request", "response_action", String.valueOf(id),
                    t.label() + " on " + (tg[1] == null ? tg[0] : tg[1] + " (" + tg[0] + ")") + " [" + initial.label() + "]: " + comment);
            if (initial == ActionStatus.PENDING && t.executor() == Executor.PORTAL) {
                if (deferred != null) {
                    deferred.add(id);
                } else {
                    executeInPortal(id);
                }
            }
            created.add(load(id));
        }
        return created;
    }

    /** Approves actions waiting for approval; they then go to their executor. Returns the ids that were approved. */
    @Transactional
    public List<Long> approve(List<Long> ids, String comment) {
        return decide(ids, comment, ActionStatus.PENDING, "response.action.approve");
    }

    /** Rejects actions waiting for approval. Returns the ids that were rejected. */
    @Transactional
    public List<Long> reject(List<Long> ids, String comment) {
        return decide(ids, comment, ActionStatus.REJECTED, "response.action.reject");
    }

    private List<Long> decide(List<Long> ids, String comment, ActionStatus to, String auditAction) {
        String c = TargetRules.required(comment, "comment", 4000);
        if (ids.isEmpty()) {
            throw new ActionException("ids", "select at least one action");
        }
        String who = currentUser();
        List<Long> done = new ArrayList<>();
        for (long id : ids) {
            ResponseAction a = get(id);
            requireOn(a, Set.of(Permission.RESPONSE_MANAGE));
            if (a.status() != ActionStatus.PENDING_APPROVAL) {
                if (ids.size() == 1) {
                    throw new ActionException("status", "action " + id + " is " + a.status().label().toLowerCase() + ", not pending approval", 409);
                }
                continue;
            }
            if (!store.transition(id, List.of(ActionStatus.PENDING_APPROVAL), to, now())) {
                continue;
            }
            store.decided(id, who, c, now());
            audit.record(auditAction, "response_action", String.valueOf(id), a.type().label() + " on " + a.targetLabel() + ": " + c);
            done.add(id);
            if (to == ActionStatus.PENDING && a.type().executor() == Executor.PORTAL) {
                executeInPortal(id);
            }
        }
        return done;
    }

    /** Cancels an action that has not started yet (pending approval or waiting for its sensor). */
    @Transactional
    public ResponseAction cancel(long id, String comment) {
        String c = TargetRules.required(comment, "comment", 4000);
        ResponseAction a = get(id);
        requireOn(a, a.type().needs());
        if (!store.transition(id, List.of(ActionStatus.PENDING_APPROVAL, ActionStatus.PENDING), ActionStatus.CANCELLED, now())) {
            throw new ActionException("status", "action " + id + " is " + a.status().label().toLowerCase() + " and can no longer be cancelled", 409);
        }
        store.decided(id, currentUser(), c, now());
        store.finished(id, "Cancelled by " + currentUser(), null, now());
        audit.record("response.action.cancel", "response_action", String.valueOf(id), a.type().label() + " on " + a.targetLabel() + ": " + c);
        return load(id);
    }

    /** Requests the catalogue's undo of a completed action (release from isolation, remove restrictions...). */
    @Transactional
    public ResponseAction undo(long id, String comment) {
        ResponseAction a = get(id);
        if (!a.undoable()) {
            throw new ActionException("id", a.type().undo() == null ? a.type().label() + " cannot be undone"
                    : "only a completed action that was not undone yet can be undone (this one is " + a.status().label().toLowerCase() + ")", 409);
        }
        ActionType u = a.type().undo();
        Map<String, String> params = new LinkedHashMap<>(a.parameters());
        ActionRequest r = new ActionRequest(u, a.targetId(), a.deviceId(), params, comment, a.incidentId(), a.alertId());
        for (Permission p : u.needs()) {
            if (!AccessPolicy.can(SecurityContextHolder.getContext().getAuthentication(), p)) {
                throw new ActionException("type", u.label() + " needs the " + p.label() + " permission", 403);
            }
        }
        ResponseAction created = create(r, a.source(), currentUser(), ActionStatus.PENDING, a.investigationId(), a.id(), actable(u), null, null).get(0);
        store.undoneBy(a.id(), created.id());
        return created;
    }

    /**
     * Hands pending actions to a sensor: those for its device and those for a capability it offers. They become
     * In progress; the sensor reports each with {@link #report}.
     */
    @Transactional
    public List<ResponseAction> claim(Sensor sensor, int limit) {
        List<ResponseAction> out = new ArrayList<>();
        for (ResponseAction a : store.pendingFor(sensor.deviceId(), sensor.capabilities(), limit)) {
            if (store.transition(a.id(), List.of(ActionStatus.PENDING), ActionStatus.IN_PROGRESS, now())) {
                store.started(a.id(), sensor.id(), now());
                audit.recordAs(sensorActor(sensor), "response.action.start", "response_action", String.valueOf(a.id()), a.type().label() + " on " + a.targetLabel());
                if (!automated(a.requestedBy())) {
                    notifications.toUser(a.requestedBy(), Notifications.Kind.ONGOING, a.type().label() + " in progress",
                            a.type().label() + " on " + a.targetLabel() + " was handed to the sensor on " + sensor.deviceName() + ".", link(a.id()));
                }
                out.add(load(a.id()));
            }
        }
        return out;
    }

    /** Records a sensor's result for an action it claimed. */
    @Transactional
    public ResponseAction report(Sensor sensor, long id, boolean success, String summary, String output) {
        ResponseAction a = store.get(id).orElseThrow(() -> new ActionException("id", "no action " + id, 404));
        if (a.sensorId() == null || a.sensorId() != sensor.id()) {
            throw new ActionException("id", "action " + id + " was not handed to this sensor", 409);
        }
        if (!store.transition(id, List.of(ActionStatus.IN_PROGRESS), success ? ActionStatus.COMPLETED : ActionStatus.FAILED, now())) {
            throw new ActionException("id", "action " + id + " is " + a.status().label().toLowerCase() + "; only an action in progress takes a result", 409);
        }
        finish(a, success, summary, output, sensorActor(sensor));
        return load(id);
    }

    /** Times out actions pending approval for 7 days, undelivered for 3 days, or running for 1 day; returns how many. */
    @Transactional
    public int expire() {
        OffsetDateTime now = now();
        int n = 0;
        n += timeOut(store.idsOlderThan(ActionStatus.PENDING_APPROVAL, "requested_at", now.minus(APPROVAL_TIMEOUT)), ActionStatus.PENDING_APPROVAL,
                "No decision within 7 days: treated as rejected.");
        n += timeOut(store.idsOlderThan(ActionStatus.PENDING, "updated_at", now.minus(DELIVERY_TIMEOUT)), ActionStatus.PENDING,
                "The device's sensor did not pick the action up within 3 days.");
        n += timeOut(store.idsOlderThan(ActionStatus.IN_PROGRESS, "started_at", now.minus(EXECUTION_TIMEOUT)), ActionStatus.IN_PROGRESS,
                "The sensor reported no result within 1 day.");
        return n;
    }

    private int timeOut(List<Long> ids, ActionStatus from, String why) {
        int n = 0;
        for (long id : ids) {
            ResponseAction a = load(id);
            if (store.transition(id, List.of(from), ActionStatus.TIMED_OUT, now())) {
                store.finished(id, why, null, now());
                audit.recordAs("system", "response.action.timeout", "response_action", String.valueOf(id), a.type().label() + " on " + a.targetLabel() + ": " + why);
                notifyOutcome(load(id));
                n++;
            }
        }
        return n;
    }

    private void executeInPortal(long id) {
        ResponseAction a = load(id);
        store.transition(id, List.of(ActionStatus.PENDING), ActionStatus.IN_PROGRESS, now());
        store.started(id, null, now());
        PortalActionHandler h = handlers.orderedStream().filter(x -> x.handles(a.type())).findFirst().orElse(null);
        boolean ok;
        String summary;
        if (h == null) {
            ok = false;
            summary = "No executor is installed for " + a.type().label() + ".";
        } else {
            try {
                summary = h.execute(load(id));
                ok = true;
            } catch (ActionException e) {
                ok = false;
                summary = e.getMessage();
            }
        }
        store.transition(id, List.of(ActionStatus.IN_PROGRESS), ok ? ActionStatus.COMPLETED : ActionStatus.FAILED, now());
        finish(a, ok, summary, null, "Rampart");
    }

    private void finish(ResponseAction a, boolean ok, String summary, String output, String actor) {
        store.finished(a.id(), summary, output, now());
        audit.recordAs(actor, ok ? "response.action.complete" : "response.action.fail", "response_action", String.valueOf(a.id()),
                a.type().label() + " on " + a.targetLabel() + ": " + summary);
        notifyOutcome(load(a.id()));
    }

    private void notifyOutcome(ResponseAction a) {
        Notifications.Kind kind = a.status() == ActionStatus.COMPLETED ? Notifications.Kind.SUCCESS : Notifications.Kind.ERROR;
        String title = a.type().label() + " " + a.status().label().toLowerCase();
        String content = a.type().label() + " on " + a.targetLabel() + ": " + (a.resultSummary() == null ? a.status().label() : a.resultSummary());
        if (automated(a.requestedBy())) {
            notifications.toHoldersOf(Permission.RESPONSE_MANAGE, kind, title, content, link(a.id()));
        } else {
            notifications.toUser(a.requestedBy(), kind, title, content, link(a.id()));
        }
    }

    /** Resolves a device id or name to {id, name}: enrolled sensors first, then the event store. */
    private String[] device(String idOrName, String field, DeviceFilter devices) {
        String v = idOrName.strip();
        Optional<Sensor> s = sensors.byDevice(v);
        String[] d = s.isPresent() ? new String[] {s.get().deviceId(), s.get().deviceName()}
                : estate.device(v).map(e -> new String[] {e.deviceId(), e.deviceName()}).orElse(null);
        // A device outside the requester's scope is refused with the same words as an unknown one.
        if (d == null || !devices.coversId(d[0])) {
            throw new ActionException(field, "no device with id or name '" + v + "' is known (no sensor and no DeviceInfo event)");
        }
        return d;
    }

    static String link(long id) {
        return "/action-center/history?action=" + id;
    }

    private static String sensorActor(Sensor s) {
        return "sensor:" + s.deviceName();
    }

    static String currentUser() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || !a.isAuthenticated() ? "system" : a.getName();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
