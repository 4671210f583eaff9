package dev.rampart.portal.incidents;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which strong entities some stored alert names, as 64-bit hashes: most entities of new alerts were never seen, and
 * answering "no alert names it" from memory saves the indexed statement that would find nothing. A hash collision or
 * a rolled-back insert only costs that statement again; an entity is never reported absent while a stored alert names
 * it, because every insert is recorded here before it commits and the stored ones are read once, on first use. Over
 * {@code cap} entities the filter switches itself off (everything "may exist") rather than grow without bound.
 */
final class KnownEntities {
    private final int cap;
    private Set<Long> hashes = new HashSet<>();
    private boolean loaded;

    KnownEntities(int cap) {
        this.cap = cap;
    }

    /** False only when no stored alert names {@code entity}; {@code loadAll} feeds every stored entity on first use. */
    synchronized boolean mayExist(String entity, Consumer<Consumer<String>> loadAll) {
        if (hashes == null) {
            return true;
        }
        if (!loaded) {
            loadAll.accept(e -> {
                if (hashes != null) {
                    hashes.add(hash(e));
                    overCap();
                }
            });
            loaded = true;
            if (hashes == null) {
                return true;
            }
        }
        return hashes.contains(hash(entity));
    }

    /** Alerts naming these entities are being stored (committed or not). */
    synchronized void added(Collection<String> entities) {
        if (hashes == null) {
            return;
        }
        for (String e : entities) {
            hashes.add(hash(e));
        }
        overCap();
    }

    private void overCap() {
        if (hashes != null && hashes.size() > cap) {
            hashes = null;
        }
    }

    static long hash(String s) {
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ (h >>> 29);
    }
}
