package dev.rampart.portal.web;

import java.util.List;

/** Implemented by each feature that has pages; every bean is collected into the left navigation. */
public interface NavigationContributor {
    List<NavEntry> navEntries();
}
