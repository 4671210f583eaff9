package dev.rampart.portal.events;

/** The event store could not complete an operation; the message says which and why. */
public class EventStoreException extends RuntimeException {
    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
