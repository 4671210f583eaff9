package dev.rampart.portal.intel;

import java.time.Instant;
import java.util.List;

/**
 * One STIX domain or relationship object as the portal keeps it. {@code externalId} is the ATT&CK id (T1059.001,
 * G0016, C0001, TA0002) when the object carries one; {@code labels} holds report types, labels or, for techniques, the
 * kill-chain phase (tactic short names); {@code refs} a report's object_refs or a matrix's tactic_refs; {@code patternType}
 * an indicator's STIX 2.1 pattern_type (null in 2.0, where every pattern is STIX).
 */
record StixObject(String type, String id, String name, String externalId, String url, String description, List<String> aliases,
                  List<String> labels, List<String> refs, boolean subtechnique, boolean revoked, boolean deprecated, String pattern,
                  String shortName, Instant firstSeen, Instant lastSeen, Instant published, Instant created, Instant modified,
                  String relationshipType, String sourceRef, String targetRef, String patternType, List<String> domains) {

    boolean active() {
        return !revoked && !deprecated;
    }

    boolean isRelationship() {
        return "relationship".equals(type);
    }
}
