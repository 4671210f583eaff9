package dev.rampart.portal.web;

import java.util.List;

/** What the page frame needs: the signed-in user, the visible navigation, the CSRF token for htmx. */
public record ShellModel(String username, String displayName, String roleNames, List<Section> nav, String activePath,
                         String csrfHeader, String csrfToken) {

    public record Section(String label, List<NavEntry> entries) {
    }

    public boolean isActive(NavEntry e) {
        return e.path().equals("/") ? activePath.equals("/") : activePath.startsWith(e.path());
    }

    public String initials() {
        String[] parts = displayName.trim().split("\\s+");
        String s = parts.length > 1 ? "" + parts[0].charAt(0) + parts[parts.length - 1].charAt(0) : displayName.substring(0, Math.min(2, displayName.length()));
        return s.toUpperCase();
    }
}
