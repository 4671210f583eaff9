package dev.rampart.portal.demo;

import dev.rampart.kql.schema.Schema;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the demo organisation's events phase by phase into a {@link RowSink}: the software inventory,
 * then one day at a time (so callers can commit in large batches and report progress), then the attacks.
 * Every phase draws from its own generator seeded by (seed, phase, day), so output does not depend on how
 * the caller batches the phases.
 */
final class DemoGenerator {
    private final DemoOptions options;
    private final DemoOrganisation org;
    private final Shapes shapes;
    private final Endpoints endpoints;
    private final People people;
    private final Inventory inventory;
    private final Accounts accounts;
    private final long startMs;
    private RowSink target;

    DemoGenerator(Schema schema, DemoOptions options) {
        this.options = options;
        this.org = DemoOrganisation.create(options.scale(), options.seed());
        this.shapes = new Shapes(schema);
        LocalDateTime first = LocalDateTime.ofInstant(options.start(), ZoneOffset.UTC);
        LocalDateTime last = LocalDateTime.ofInstant(options.end(), ZoneOffset.UTC);
        // Activity near the window edges can spill a few seconds over; those rows have not happened (yet).
        RowSink switching = (table, row) -> {
            if (table.timestamp >= 0) {
                LocalDateTime ts = (LocalDateTime) row[table.timestamp];
                if (ts.isAfter(last) || ts.isBefore(first)) {
                    return;
                }
            }
            target.accept(table, row);
        };
        this.accounts = new Accounts(org);
        this.endpoints = new Endpoints(org, new DeviceRows(shapes, switching), accounts);
        this.people = new People(org, new CloudRows(shapes, switching, org));
        this.inventory = new Inventory(org, shapes, switching);
        this.startMs = options.start().toEpochMilli();
    }

    DemoOrganisation organisation() {
        return org;
    }

    Shapes shapes() {
        return shapes;
    }

    int days() {
        return options.scale().days();
    }

    private SplittableRandom rnd(long phase, long day) {
        return new SplittableRandom(Ids.mix(Ids.mix(options.seed()) ^ Ids.mix(phase * 1_000_003L + day)));
    }

    void software(RowSink sink) {
        target = sink;
        inventory.software(rnd(1, 0));
        // Assessed shortly before the window ends, like a scan that ran this morning.
        long assessed = options.end().toEpochMilli() - Time.HOUR;
        inventory.knowledgeBase();
        inventory.configuration(assessed, rnd(7, 0));
    }

    /** All benign rows of day {@code day} (0-based from the window start). */
    void day(int day, RowSink sink) {
        target = sink;
        long dayStart = startMs + day * Time.DAY;
        endpoints.day(day, dayStart, rnd(2, day));
        inventory.day(day, dayStart, rnd(3, day));
        people.day(dayStart, rnd(4, day), rnd(8, day));
    }

    /** Writes the attack scenarios and returns their ground truth. */
    List<DemoAttack> attacks(RowSink sink) {
        target = sink;
        long endMs = options.end().toEpochMilli();
        endpoints.prepare(days(), endMs - Time.DAY, rnd(5, 0));
        return new Attacks(org, shapes, sink, endpoints, accounts, rnd(6, 0)).run(endMs);
    }
}
