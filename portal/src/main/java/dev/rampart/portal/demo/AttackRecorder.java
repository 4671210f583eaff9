package dev.rampart.portal.demo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Collects the ground truth while a scenario writes its rows. */
final class AttackRecorder {
    private final List<DemoAttack> done = new ArrayList<>();
    private String key;
    private String name;
    private String description;
    private List<DemoAttack.Step> steps;
    private List<DemoAttack.Event> events;
    private StepDraft draft;

    private record StepDraft(String technique, String tactic, String table, String deviceName, String upn, String description) {
    }

    void begin(String key, String name, String description) {
        this.key = key;
        this.name = name;
        this.description = description;
        this.steps = new ArrayList<>();
    }

    void step(String technique, String tactic, String table, String deviceName, String upn, String description) {
        closeStep();
        draft = new StepDraft(technique, tactic, table, deviceName, upn, description);
        events = new ArrayList<>();
    }

    void row(String table, String deviceId, Object reportId, LocalDateTime ts) {
        events.add(new DemoAttack.Event(table, deviceId, String.valueOf(reportId), ts.toInstant(ZoneOffset.UTC)));
    }

    private void closeStep() {
        if (draft != null) {
            if (events.isEmpty()) {
                throw new IllegalStateException("attack step " + draft.technique + " recorded no rows");
            }
            Instant first = events.stream().map(DemoAttack.Event::occurredAt).min(Instant::compareTo).orElseThrow();
            steps.add(new DemoAttack.Step(steps.size() + 1, draft.technique, draft.tactic, draft.table, draft.deviceName, draft.upn,
                    first, draft.description, List.copyOf(events)));
            draft = null;
        }
    }

    void end() {
        closeStep();
        Instant start = steps.stream().map(DemoAttack.Step::occurredAt).min(Instant::compareTo).orElseThrow();
        Instant end = steps.stream().flatMap(s -> s.events().stream()).map(DemoAttack.Event::occurredAt).max(Instant::compareTo).orElseThrow();
        done.add(new DemoAttack(key, name, description, start, end, List.copyOf(steps)));
    }

    List<DemoAttack> attacks() {
        return List.copyOf(done);
    }
}
