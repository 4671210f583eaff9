package dev.rampart.portal.demo;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A device during one simulated day: its long-running processes, the apps its user started, and the per-device
 * ReportId counter (Defender report ids are unique per device, so DeviceId + ReportId names one row).
 */
final class Host {
    final DemoDevice device;
    final int index;
    final Account owner;
    final String ownerHome;
    private long reportBase;
    private long seq;
    Proc system;
    Proc services;
    Proc lsass;
    Proc[] svchosts;
    Proc defender;
    Proc explorer;
    Proc root;
    final Map<Binary, Proc> apps = new HashMap<>();
    long logonId;

    Host(DemoDevice device, int index, Account owner) {
        this.device = device;
        this.index = index;
        this.owner = owner;
        this.ownerHome = owner == null ? null : "C:\\Users\\" + owner.name();
    }

    /** Resets the per-day state; report ids of day {@code day} are {@code (day + 1) * 10^7 + n}. */
    void newDay(int day) {
        reportBase = (day + 1) * 10_000_000L;
        seq = 0;
        apps.clear();
        explorer = null;
    }

    long rid() {
        return reportBase + ++seq;
    }

    static long pid(SplittableRandom rnd) {
        return 4L * (200 + rnd.nextInt(9000));
    }

    static Proc proc(SplittableRandom rnd, Binary bin, String cmd, LocalDateTime created, Account account, Proc parent) {
        boolean system = account.sid() != null && account.sid().length() <= 8;
        return new Proc(bin, pid(rnd), cmd, created, account, system ? "System" : "Medium",
                system ? "TokenElevationTypeDefault" : "TokenElevationTypeLimited",
                system ? 999 : 100_000 + rnd.nextInt(900_000), system ? 0 : 1, parent);
    }
}
