package dev.rampart.portal.web;

import java.util.Optional;

/**
 * A portal-wide notice shown above every page while it applies (e.g. the demo organisation still loading, so that
 * empty lists are not mistaken for an empty estate). Implementations are beans; each is asked on every page.
 */
public interface StatusBanner {
    /** The notice to show now, if any. Must be cheap. */
    Optional<String> banner();
}
