package dev.rampart.portal.vulnerabilities;

import dev.rampart.portal.access.DeviceFilter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which devices each search entry (a CVE, a piece of software, a recommendation) concerns, held compactly for one
 * index build: device ids become small ordinals and each entry keeps a sorted array of them, so telling how many of
 * a caller's visible devices an entry touches is a walk over the smaller of the two sets.
 */
final class Exposure {
    private final Map<String, Integer> ordinal = new HashMap<>();
    private final List<String> ids = new java.util.ArrayList<>();
    private final Map<String, int[]> byKey = new HashMap<>();

    /** Records the devices of {@code key} from a comma-separated id list. */
    void put(String key, String deviceIds) {
        if (deviceIds == null || deviceIds.isEmpty()) {
            byKey.put(key, new int[0]);
            return;
        }
        String[] parts = deviceIds.split(",");
        int[] ords = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ords[i] = ordinal.computeIfAbsent(parts[i], id -> {
                ids.add(id);
                return ids.size() - 1;
            });
        }
        Arrays.sort(ords);
        byKey.put(key, ords);
    }

    /** How many devices of {@code key} the filter shows (0 for unknown keys: fail closed). */
    long visible(String key, DeviceFilter devices) {
        int[] ords = byKey.get(key);
        if (ords == null) {
            return 0;
        }
        if (devices.all()) {
            return ords.length;
        }
        long n = 0;
        if (ords.length <= devices.ids().size()) {
            for (int o : ords) {
                if (devices.ids().contains(ids.get(o))) {
                    n++;
                }
            }
        } else {
            for (String id : devices.ids()) {
                Integer o = ordinal.get(id);
                if (o != null && Arrays.binarySearch(ords, o) >= 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
