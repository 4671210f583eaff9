package dev.rampart.kql.udf;

import com.maxmind.db.Reader;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

/**
 * The IP geolocation database behind {@code geo_info_from_ip_address()}: a MaxMind DB file of the City kind
 * (GeoLite2-City, which Kusto itself reads, or a compatible one such as DB-IP's City Lite). None is bundled (their
 * licences ask each user to obtain them); until one is installed the function answers null and the analyzer says why.
 * Installation is process-wide, as the database functions it serves are.
 */
public final class GeoIp {
    private static volatile Reader reader;
    private static volatile String source;

    private GeoIp() {
    }

    /** A location: any part may be null. */
    public record Location(String country, String state, String city, Double latitude, Double longitude) {
        /** Kusto's dynamic value: the fields that are known, in Kusto's order. */
        public String json() {
            StringBuilder b = new StringBuilder("{");
            field(b, "country", country);
            field(b, "state", state);
            field(b, "city", city);
            number(b, "latitude", latitude);
            number(b, "longitude", longitude);
            return b.append('}').toString();
        }

        private static void field(StringBuilder b, String name, String value) {
            if (value != null) {
                b.append(b.length() > 1 ? "," : "").append('"').append(name).append("\":\"")
                        .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }

        private static void number(StringBuilder b, String name, Double value) {
            if (value != null) {
                b.append(b.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value);
            }
        }
    }

    /**
     * Opens {@code mmdb} and makes it the database every later lookup reads (replacing any earlier one).
     *
     * @throws IOException when the file is missing or is not a MaxMind DB
     */
    public static synchronized void install(File mmdb) throws IOException {
        Reader r = new Reader(mmdb, new com.maxmind.db.CHMCache()); // decoded records are shared, not rebuilt per lookup
        Reader old = reader;
        reader = r;
        source = mmdb.getName() + " (" + r.getMetadata().getDatabaseType() + ")";
        if (old != null) {
            old.close();
        }
    }

    /** Forgets the database: lookups answer null again. */
    public static synchronized void uninstall() throws IOException {
        Reader old = reader;
        reader = null;
        source = null;
        if (old != null) {
            old.close();
        }
    }

    public static boolean loaded() {
        return reader != null;
    }

    /** The installed file and its database type, for administrators; empty when none is. */
    public static Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /**
     * The location of an IPv4 or IPv6 address written as text; empty when no database is installed, the text is not
     * an address (never resolved as a host name), or the database does not know it.
     */
    public static Optional<Location> locate(String text) {
        Reader r = reader;
        InetAddress address = address(text);
        if (r == null || address == null) {
            return Optional.empty();
        }
        Map<?, ?> record;
        try {
            record = r.get(address, Map.class);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (record == null) {
            return Optional.empty();
        }
        Map<?, ?> location = map(record.get("location"));
        Object subdivisions = record.get("subdivisions");
        Map<?, ?> state = subdivisions instanceof java.util.List<?> l && !l.isEmpty() ? map(l.get(0)) : Map.of();
        return Optional.of(new Location(name(map(record.get("country"))), name(state), name(map(record.get("city"))),
                number(location.get("latitude")), number(location.get("longitude"))));
    }

    /** The function's value: Kusto's dynamic object, {@code {}} for an address the database does not know, null without one. */
    static String json(String text) {
        if (reader == null) {
            return null;
        }
        return locate(text).map(Location::json).orElse(address(text) == null ? null : "{}");
    }

    private static InetAddress address(String text) {
        if (text == null || text.contains("/")) {
            return null;
        }
        Ipv6 ip = Ipv6.parse(text);
        if (ip == null) {
            return null;
        }
        byte[] bytes;
        if (ip.hi() == 0 && (ip.lo() >>> 32) == 0xffffL) {
            long v4 = ip.lo() & 0xffffffffL;
            bytes = new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
        } else {
            bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (ip.hi() >>> (56 - 8 * i));
                bytes[8 + i] = (byte) (ip.lo() >>> (56 - 8 * i));
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String name(Map<?, ?> m) {
        Object names = m.get("names");
        if (names instanceof Map<?, ?> n && n.get("en") != null) {
            return n.get("en").toString();
        }
        return null;
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }
}
