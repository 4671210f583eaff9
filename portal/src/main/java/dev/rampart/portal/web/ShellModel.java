package dev.rampart.portal.web;

import java.util.List;

/** What the page frame needs: the signed-in user, the visible navigation, the CSRF token for htmx, portal-wide notices. */
public record ShellModel(String username, String displayName, String roleNames, List<Section> nav, String activePath,
                         String csrfHeader, String csrfToken, List<String> banners) {

    public ShellModel(String username, String displayName, String roleNames, List<Section> nav, String activePath, String csrfHeader,
                      String csrfToken) {
        this(username, displayName, roleNames, nav, activePath, csrfHeader, csrfToken, List.of());
    }

    public record Section(String label, List<NavEntry> entries) {
    }

    /** The entry whose path is the longest prefix of the current page, so /reports/x does not also light up /reports. */
    /** Whether the navigation offers {@code path} to this user (its entry's permission is held). */
    public boolean offers(String path) {
        return nav.stream().anyMatch(s -> s.entries().stream().anyMatch(e -> e.path().equals(path)));
    }

    public boolean isActive(NavEntry e) {
        return matches(e.path()) && nav.stream().flatMap(s -> s.entries().stream())
                .noneMatch(o -> o.path().length() > e.path().length() && matches(o.path()));
    }

    private boolean matches(String path) {
        return path.equals("/") ? activePath.equals("/") : activePath.startsWith(path);
    }

    public String initials() {
        String[] parts = displayName.trim().split("\\s+");
        String s = parts.length > 1 ? "" + parts[0].charAt(0) + parts[parts.length - 1].charAt(0) : displayName.substring(0, Math.min(2, displayName.length()));
        return s.toUpperCase();
    }
}
