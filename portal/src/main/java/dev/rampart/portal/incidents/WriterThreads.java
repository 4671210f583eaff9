package dev.rampart.portal.incidents;

import java.util.HashSet;
import java.util.Set;

/**
 * The threads whose open transaction writes rows a cache mirrors. A cache keeps what it read only when no other
 * thread was writing: rows another transaction has not committed are invisible to the read, and caching their
 * absence would outlive the commit. Not thread-safe: the owning cache calls it under its own lock.
 */
final class WriterThreads {
    private final Set<Thread> writers = new HashSet<>();

    void started() {
        writers.add(Thread.currentThread());
    }

    void ended(Thread writer) {
        writers.remove(writer);
    }

    boolean othersWriting() {
        return !writers.isEmpty() && !(writers.size() == 1 && writers.contains(Thread.currentThread()));
    }
}
