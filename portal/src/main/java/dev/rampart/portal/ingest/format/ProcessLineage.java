package dev.rampart.portal.ingest.format;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The processes seen being created in one batch, by Sysmon ProcessGuid or by device and process id (Security
 * 4688), so that later events of a process get its command line, account, hashes and parent. Bounded: the
 * oldest entries are forgotten first, like a sensor's process cache.
 */
final class ProcessLineage {
    static final int MAX_PROCESSES = 200_000;

    /** What a process-create event told about a process. */
    static final class Proc {
        String image;
        String commandLine;
        Long pid;
        String user;
        String integrity;
        String hashes;
        LocalDateTime created;
        String parentImage;
        Long parentPid;
        LocalDateTime parentCreated;
        String originalFileName;
        String description;
        String product;
        String company;
        String fileVersion;
        Long logonId;
    }

    private final Map<String, Proc> byKey = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Proc> eldest) {
            return size() > MAX_PROCESSES;
        }
    };

    void put(String key, Proc p) {
        if (key != null) {
            byKey.put(key.toLowerCase(java.util.Locale.ROOT), p);
        }
    }

    Proc get(String key) {
        return key == null ? null : byKey.get(key.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Fills the {@code InitiatingProcess*} columns: image and pid from the event itself (always right), the rest from
     * the recorded creation of that process when the batch contained it.
     */
    static void initiating(RowBuilder row, String image, Long pid, String user, Proc known) {
        row.put("InitiatingProcessFolderPath", image != null ? image : known == null ? null : known.image);
        row.put("InitiatingProcessFileName", RowBuilder.basename(image != null ? image : known == null ? null : known.image));
        row.put("InitiatingProcessId", pid != null ? pid : known == null ? null : known.pid);
        row.account(user != null ? user : known == null ? null : known.user, "InitiatingProcess");
        if (known == null) {
            return;
        }
        row.put("InitiatingProcessCommandLine", known.commandLine);
        row.put("InitiatingProcessIntegrityLevel", known.integrity);
        row.put("InitiatingProcessCreationTime", known.created);
        row.put("InitiatingProcessParentFileName", RowBuilder.basename(known.parentImage));
        row.put("InitiatingProcessParentId", known.parentPid);
        row.put("InitiatingProcessParentCreationTime", known.parentCreated);
        row.put("InitiatingProcessVersionInfoOriginalFileName", known.originalFileName);
        row.put("InitiatingProcessVersionInfoFileDescription", known.description);
        row.put("InitiatingProcessVersionInfoProductName", known.product);
        row.put("InitiatingProcessVersionInfoCompanyName", known.company);
        row.put("InitiatingProcessVersionInfoProductVersion", known.fileVersion);
        row.put("InitiatingProcessLogonId", known.logonId);
        if (known.hashes != null) {
            RowBuilder scratch = row;
            for (String part : known.hashes.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    String algo = part.substring(0, eq).trim().toUpperCase(java.util.Locale.ROOT);
                    if (algo.equals("SHA1") || algo.equals("SHA256") || algo.equals("MD5")) {
                        scratch.put("InitiatingProcess" + algo, part.substring(eq + 1).trim().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
    }
}
