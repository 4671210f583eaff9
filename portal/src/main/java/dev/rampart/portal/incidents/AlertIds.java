package dev.rampart.portal.incidents;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alert ids in the reference shape: source prefix, 100-ns ticks since 0001-01-01, an underscore and a random number
 * ({@code da638682512000000000_1234567890}). The ticks never repeat within a process and grow with time, so new ids
 * land at the end of the id indexes instead of at random places in them — random ids made every insert touch (and
 * commit) pages all over the alert and evidence indexes. The random part guards against a clock set back across a
 * restart.
 */
final class AlertIds {
    /** Ticks from 0001-01-01 to the Unix epoch. */
    private static final long EPOCH_TICKS = 621_355_968_000_000_000L;
    private static final AtomicLong LAST = new AtomicLong();

    private AlertIds() {
    }

    static String next(String prefix, Instant now) {
        long ticks = EPOCH_TICKS + now.getEpochSecond() * 10_000_000L + now.getNano() / 100;
        long t = LAST.updateAndGet(last -> Math.max(last + 1, ticks));
        return prefix + t + "_" + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt());
    }
}
