package dev.rampart.portal.web;

import dev.rampart.portal.access.Permission;

/**
 * One left-navigation link. Features contribute entries for pages that work; the shell shows an entry only
 * to users holding {@code permission} ({@code null} = every signed-in user).
 */
public record NavEntry(NavGroup group, int order, String label, String path, String icon, Permission permission) {
}
