package dev.rampart.portal.demo;

import java.time.LocalDateTime;

/** A running process instance: what the InitiatingProcess* columns of every device table describe. */
record Proc(Binary bin, long pid, String commandLine, LocalDateTime created, Account account, String integrity,
            String elevation, long logonId, long sessionId, Proc parent) {

    String parentFileName() {
        return parent == null ? null : parent.bin.fileName();
    }
}
