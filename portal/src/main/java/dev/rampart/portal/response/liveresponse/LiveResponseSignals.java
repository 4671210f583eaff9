package dev.rampart.portal.response.liveresponse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes a sensor's long poll when a command is queued for it, so a typed command reaches the device in well under a
 * second instead of at the next heartbeat. Waiters re-check the store every second anyway (another portal node, a
 * missed wake-up).
 */
@Component
class LiveResponseSignals {
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    private Object lock(long sensorId) {
        return locks.computeIfAbsent(sensorId, k -> new Object());
    }

    void wake(long sensorId) {
        Object l = lock(sensorId);
        synchronized (l) {
            l.notifyAll();
        }
    }

    void wakeAfterCommit(long sensorId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake(sensorId);
                }
            });
        } else {
            wake(sensorId);
        }
    }

    /** Waits at most {@code millis} for a wake-up of this sensor. */
    void await(long sensorId, long millis) throws InterruptedException {
        if (millis <= 0) {
            return;
        }
        Object l = lock(sensorId);
        synchronized (l) {
            l.wait(millis);
        }
    }
}
