package dev.rampart.portal.ingest.format;

import dev.rampart.kql.schema.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds one mapped row; values for columns the target table lacks are not set, because the same lineage
 * helpers fill tables with different {@code InitiatingProcess*} column sets.
 */
final class RowBuilder {
    private final Table table;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Object> additional = new LinkedHashMap<>();

    RowBuilder(Table table) {
        this.table = table;
    }

    RowBuilder put(String column, Object value) {
        if (value != null && table.indexOf(column) >= 0) {
            values.put(column, value);
        }
        return this;
    }

    RowBuilder putIfAbsent(String column, Object value) {
        if (!values.containsKey(column)) {
            put(column, value);
        }
        return this;
    }

    RowBuilder extra(String key, Object value) {
        if (value != null) {
            additional.put(key, value);
        }
        return this;
    }

    RowBuilder extras(Map<String, String> more) {
        more.forEach(additional::putIfAbsent);
        return this;
    }

    Mapping.Row build() {
        if (!additional.isEmpty() && table.indexOf("AdditionalFields") >= 0) {
            values.put("AdditionalFields", additional);
        }
        return new Mapping.Row(table.name(), values);
    }

    /** Device names are lower-case as in Defender; the id is a stable hash of the name since Windows logs carry none. */
    RowBuilder device(String computer) {
        if (computer != null) {
            String name = computer.toLowerCase(Locale.ROOT);
            put("DeviceName", name);
            put("DeviceId", deviceId(name));
        }
        return this;
    }

    static String deviceId(String deviceName) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(deviceName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Last path segment of a Windows path ({@code C:\a\b.exe} → {@code b.exe}). */
    static String basename(String path) {
        if (path == null) {
            return null;
        }
        int i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return i < 0 ? path : path.substring(i + 1);
    }

    /** Sets SHA1 / SHA256 / MD5 (with {@code prefix}) from Sysmon's {@code SHA1=..,MD5=..,SHA256=..,IMPHASH=..}. */
    RowBuilder hashes(String hashes, String prefix) {
        if (hashes == null) {
            return this;
        }
        for (String part : hashes.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String algo = part.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            String v = part.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            switch (algo) {
                case "SHA1", "SHA256", "MD5" -> put(prefix + algo, v);
                case "IMPHASH" -> extra("IMPHASH", v);
                default -> { }
            }
        }
        return this;
    }

    /** {@code DOMAIN\name} into {@code <prefix>AccountDomain} and {@code <prefix>AccountName}. */
    RowBuilder account(String user, String prefix) {
        if (user == null) {
            return this;
        }
        int i = user.indexOf('\\');
        if (i >= 0) {
            put(prefix + "AccountDomain", user.substring(0, i));
            put(prefix + "AccountName", user.substring(i + 1));
        } else {
            put(prefix + "AccountName", user);
        }
        return this;
    }
}
