package dev.rampart.portal.hunting;

/** Lets another thread (a "Cancel" button) stop a running query. */
public final class CancelHandle {
    private volatile Runnable canceller;
    private volatile boolean cancelled;

    synchronized void attach(Runnable c) {
        this.canceller = c;
        if (cancelled && c != null) {
            c.run();
        }
    }

    public synchronized void cancel() {
        cancelled = true;
        Runnable c = canceller;
        if (c != null) {
            c.run();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
