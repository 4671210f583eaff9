package dev.rampart.portal.access;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Remembers values derived from the principal (its scopes, its visible devices) for the rest of one web request, so
 * that a page asking for them from ten services reads the role tables once. Keys carry the principal's name and
 * authorities, so a request that switches identity (e.g. to {@link SystemIdentity}) never sees another's value, and
 * a generation number that every change of roles, assignments, groups or device groups bumps. Outside a web request
 * (jobs, tests calling services) nothing is cached.
 */
final class PerRequestCache {
    private static final String ATTRIBUTE = PerRequestCache.class.getName();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean enabled = true;

    /** The value for {@code key}, computed at its first use in this request. */
    @SuppressWarnings("unchecked")
    <T> T get(Authentication a, String key, Supplier<T> compute) {
        RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
        if (!enabled || attrs == null || a == null) {
            return compute.get();
        }
        Map<String, Object> values = (Map<String, Object>) attrs.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (values == null) {
            values = new HashMap<>();
            attrs.setAttribute(ATTRIBUTE, values, RequestAttributes.SCOPE_REQUEST);
        }
        String k = generation.get() + "|" + a.getName() + "|" + a.getAuthorities().hashCode() + "|" + key;
        Object v = values.get(k);
        if (v == null) {
            v = compute.get();
            values.put(k, v);
        }
        return (T) v;
    }

    /** Forgets every value cached so far: something a scope depends on changed. */
    void invalidate() {
        generation.incrementAndGet();
    }

    /** For benchmarks that compare with the uncached behaviour. */
    void enabled(boolean on) {
        enabled = on;
    }
}
