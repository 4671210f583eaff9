package dev.rampart.portal.demo;

import java.time.Instant;
import java.util.List;

/**
 * Ground truth of one injected attack: what happened, when, and which event rows belong to each step.
 *
 * @param key short stable name ({@code phishing-macro}, {@code bec}, {@code ransomware-rdp})
 */
public record DemoAttack(String key, String name, String description, Instant startedAt, Instant endedAt,
                         List<Step> steps) {

    /**
     * One technique as observed in one table.
     *
     * @param techniqueId ATT&CK id, e.g. {@code T1566.001}
     * @param tactic      ATT&CK tactic name, e.g. {@code initial-access}
     * @param tableName   the hunting table holding the step's rows
     * @param events      every row of the step
     */
    public record Step(int stepNo, String techniqueId, String tactic, String tableName, String deviceName,
                       String accountUpn, Instant occurredAt, String description, List<Event> events) {
    }

    /**
     * A row of an attack step: in device tables {@code reportId} is unique per {@code deviceId}; in identity,
     * e-mail and cloud tables it is a unique text id and {@code deviceId} is null.
     */
    public record Event(String tableName, String deviceId, String reportId, Instant occurredAt) {
    }
}
