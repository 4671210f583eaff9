package dev.rampart.portal.entities;

import java.util.List;

/** The sections of global search, in display order, and where a hit of each opens. */
public final class SearchSections {
    public static final String DEVICE = "device";
    public static final String USER = "user";
    public static final String FILE = "file";
    public static final String IP = "ip";
    public static final String URL = "url";
    public static final String PAGE = "page";
    public static final List<String> ORDER = List.of(DEVICE, USER, FILE, IP, URL, PAGE);

    private SearchSections() {
    }

    public static String title(String type) {
        return switch (type) {
            case DEVICE -> "Devices";
            case USER -> "Users";
            case FILE -> "Files";
            case IP -> "IP addresses";
            case URL -> "URLs and domains";
            default -> "Pages";
        };
    }

    public static String link(String type, String key) {
        return switch (type) {
            case DEVICE -> EntityLinks.device(key);
            case USER -> EntityLinks.user(key);
            case FILE -> EntityLinks.file(key);
            case IP -> EntityLinks.ip(key);
            case URL -> EntityLinks.url(key);
            default -> key;
        };
    }
}
