package dev.rampart.portal.incidents;

import java.util.Collection;
import java.util.Map;

/** Names of ATT&CK techniques by id, from whatever intelligence the installation imported; pages link the known ones. */
public interface TechniqueCatalog {
    /** The known ids among {@code ids}, each with its name (sub-techniques as "Parent: Name"); unknown ids are absent. */
    Map<String, String> names(Collection<String> ids);
}
