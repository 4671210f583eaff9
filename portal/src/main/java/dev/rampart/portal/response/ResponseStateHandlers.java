package dev.rampart.portal.response;

import dev.rampart.portal.response.sensors.SensorRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Portal-executed device containment and user risk state. Containment is a policy: every sensor receives the
 * addresses of contained devices with its heartbeat answer and blocks traffic to and from them.
 */
@Component
public class ResponseStateHandlers implements PortalActionHandler {
    /** How long a user stays contained without a release. */
    public static final java.time.Duration USER_CONTAINMENT = java.time.Duration.ofDays(5);
    private final JdbcClient jdbc;
    private final ActionStore actions;
    private final SensorRegistry sensors;
    private final EstateLookup estate;

    ResponseStateHandlers(JdbcClient jdbc, ActionStore actions, SensorRegistry sensors, EstateLookup estate) {
        this.jdbc = jdbc;
        this.actions = actions;
        this.sensors = sensors;
        this.estate = estate;
    }

    @Override
    public boolean handles(ActionType type) {
        return switch (type) {
            case CONTAIN_DEVICE, RELEASE_FROM_CONTAINMENT, MARK_USER_COMPROMISED, CONFIRM_USER_SAFE, CONTAIN_USER, RELEASE_USER_CONTAINMENT -> true;
            default -> false;
        };
    }

    @Override
    public String execute(ResponseAction a) {
        switch (a.type()) {
            case CONTAIN_DEVICE:
                return "Containment policy published: enrolled sensors block traffic to and from " + a.targetLabel()
                        + addressOf(a.targetId()).map(ip -> " (" + ip + ")").orElse("") + " within 5 minutes.";
            case RELEASE_FROM_CONTAINMENT:
                return "Containment of " + a.targetLabel() + " lifted; sensors drop the block with their next heartbeat.";
            case CONTAIN_USER:
                return "User containment policy published: enrolled device sensors refuse network sign-ins (RDP, SMB, RPC, remote logons) by "
                        + a.targetId() + " until it is released, at most " + USER_CONTAINMENT.toDays() + " days.";
            case RELEASE_USER_CONTAINMENT:
                return "Containment of " + a.targetId() + " lifted; sensors drop it with their next heartbeat.";
            default:
                String state = a.type() == ActionType.MARK_USER_COMPROMISED ? "COMPROMISED" : "SAFE";
                jdbc.sql("MERGE INTO response_user_state t USING (VALUES (?, ?, ?, ?)) v(acc, st, who, at) ON t.account = v.acc "
                                + "WHEN MATCHED THEN UPDATE SET risk_state = v.st, updated_by = v.who, updated_at = v.at "
                                + "WHEN NOT MATCHED THEN INSERT (account, risk_state, updated_by, updated_at) VALUES (v.acc, v.st, v.who, v.at)")
                        .params(a.targetId().toLowerCase(java.util.Locale.ROOT), state, a.requestedBy(), OffsetDateTime.now(ZoneOffset.UTC)).update();
                return a.targetId() + (state.equals("SAFE") ? " confirmed safe." : " marked as compromised: sign-ins from this account are treated as high risk.");
        }
    }

    /** The risk state an analyst set on an account ({@code COMPROMISED} / {@code SAFE}), if any. */
    public java.util.Optional<String> userRisk(String account) {
        return jdbc.sql("SELECT risk_state FROM response_user_state WHERE account = ?").param(account.toLowerCase(java.util.Locale.ROOT))
                .query(String.class).optional();
    }

    /** Device ids currently contained (last completed containment action was "contain"). */
    public List<String> containedDevices() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ActionType> e : actions.latestCompleted(List.of(ActionType.CONTAIN_DEVICE, ActionType.RELEASE_FROM_CONTAINMENT)).entrySet()) {
            if (e.getValue() == ActionType.CONTAIN_DEVICE) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * Accounts currently contained, lower-cased: the latest completed of contain/release on the account was a contain,
     * less than {@link #USER_CONTAINMENT} ago (the reference releases contained users by itself after five days).
     */
    public List<String> containedUsers() {
        // Older actions cannot matter: a contain older than the window has expired, and a release only lifts older contains.
        java.time.Instant since = java.time.Instant.now().minus(USER_CONTAINMENT);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ActionStore.Completed> e : actions.latestCompletedAt(List.of(ActionType.CONTAIN_USER, ActionType.RELEASE_USER_CONTAINMENT), since, null)
                .entrySet()) {
            if (e.getValue().type() == ActionType.CONTAIN_USER) {
                out.add(e.getKey().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out.stream().distinct().sorted().toList();
    }

    /** The last completed disable or enable of the account (lower-cased), or null. */
    ActionStore.Completed directoryState(String account) {
        return actions.latestCompletedAt(List.of(ActionType.DISABLE_USER, ActionType.ENABLE_USER), null, account).get(account.toLowerCase(java.util.Locale.ROOT));
    }

    /** Addresses sensors must block for contained devices. */
    public List<String> containedAddresses() {
        return containedDevices().stream().map(this::addressOf).flatMap(java.util.Optional::stream).distinct().toList();
    }

    private java.util.Optional<String> addressOf(String deviceId) {
        var s = sensors.byDevice(deviceId);
        if (s.isPresent() && s.get().lastIp() != null) {
            return java.util.Optional.of(s.get().lastIp());
        }
        return estate.device(deviceId).map(EstateLookup.Device::publicIp).filter(ip -> ip != null && !ip.isBlank());
    }
}
