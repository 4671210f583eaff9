package dev.rampart.portal.hunting;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * Measures the CPU a hunting run uses as the process CPU time spent while it runs, shared fairly between runs that
 * overlap. DuckDB executes on its own native worker threads, so the calling JVM thread's CPU misses most of the work;
 * DuckDB's profiler would be exact but cannot be switched on once the event store has locked its configuration.
 * Between two starts/stops the set of running spans is constant, so each such interval's process CPU is split
 * evenly among them: no sampling thread, no lock, one {@code getProcessCpuTime()} per start and stop. Other work
 * in the process during a run (ingest, page rendering) is charged too; that noise is small next to a heavy scan.
 */
@Component
public class CpuMeter {
    private final LongSupplier cpuNanos;
    private final Set<Span> running = new HashSet<>();
    private long last;

    public CpuMeter() {
        this(processCpu());
    }

    CpuMeter(LongSupplier cpuNanos) {
        this.cpuNanos = cpuNanos;
    }

    /** Starts measuring; {@link Span#stop()} returns the CPU charged to this run. */
    public synchronized Span start() {
        settle();
        Span s = new Span();
        running.add(s);
        return s;
    }

    private void settle() {
        long now = cpuNanos.getAsLong();
        if (!running.isEmpty() && now > last) {
            long share = (now - last) / running.size();
            running.forEach(s -> s.nanos += share);
        }
        last = now;
    }

    /** One measured run. */
    public final class Span {
        private long nanos;

        private Span() {
        }

        /** Stops measuring (idempotent) and returns the CPU charged so far. */
        public Duration stop() {
            synchronized (CpuMeter.this) {
                if (running.contains(this)) {
                    settle();
                    running.remove(this);
                }
                return Duration.ofNanos(nanos);
            }
        }
    }

    // Without the com.sun bean (another JVM) there is no process CPU figure: wall time is the honest fallback.
    private static LongSupplier processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            return os::getProcessCpuTime;
        }
        return System::nanoTime;
    }
}
