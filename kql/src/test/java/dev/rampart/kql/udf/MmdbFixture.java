package dev.rampart.kql.udf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files (format version 2.0, IPv6 tree, 24-bit records) for tests: a few networks, each with a
 * City-style record. IPv4 networks sit under {@code ::/96}, where readers look IPv4 addresses up.
 */
public final class MmdbFixture {
    private final List<int[]> nodes = new ArrayList<>(); // {left, right}; -1 = empty, -2 - i = data record i
    private final List<byte[]> records = new ArrayList<>();

    public MmdbFixture() {
        nodes.add(new int[] {-1, -1});
    }

    /** A City record: country, state, city names and a location. */
    public MmdbFixture city(String cidr, String country, String state, String city, double latitude, double longitude) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("city", Map.of("names", Map.of("en", city)));
        r.put("country", Map.of("names", Map.of("en", country)));
        r.put("location", new LinkedHashMap<>(Map.of("latitude", latitude, "longitude", longitude)));
        r.put("subdivisions", List.of(Map.of("names", Map.of("en", state))));
        return network(cidr, r);
    }

    public MmdbFixture network(String cidr, Map<String, Object> record) throws IOException {
        String[] p = cidr.split("/");
        byte[] a = InetAddress.getByName(p[0]).getAddress();
        int bits = Integer.parseInt(p[1]);
        byte[] full = new byte[16];
        if (a.length == 4) {
            System.arraycopy(a, 0, full, 12, 4);
            bits += 96;
        } else {
            full = a;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        encode(data, record);
        records.add(data.toByteArray());
        int marker = -2 - (records.size() - 1);
        int node = 0;
        for (int i = 0; i < bits; i++) {
            int bit = (full[i / 8] >> (7 - i % 8)) & 1;
            if (i == bits - 1) {
                nodes.get(node)[bit] = marker;
            } else {
                int next = nodes.get(node)[bit];
                if (next < 0) {
                    nodes.add(new int[] {-1, -1});
                    next = nodes.size() - 1;
                    nodes.get(node)[bit] = next;
                }
                node = next;
            }
        }
        return this;
    }

    public Path write(Path file) throws IOException {
        int count = nodes.size();
        int[] offsets = new int[records.size()];
        ByteArrayOutputStream dataSection = new ByteArrayOutputStream();
        for (int i = 0; i < records.size(); i++) {
            offsets[i] = dataSection.size();
            dataSection.write(records.get(i));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] n : nodes) {
            for (int v : n) {
                int value = v >= 0 ? v : v == -1 ? count : count + 16 + offsets[-2 - v];
                out.write(value >>> 16);
                out.write(value >>> 8);
                out.write(value);
            }
        }
        out.write(new byte[16]);
        out.write(dataSection.toByteArray());
        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("binary_format_major_version", new Uint(5, 2));
        meta.put("binary_format_minor_version", new Uint(5, 0));
        meta.put("build_epoch", new Uint(9, 1_700_000_000L));
        meta.put("database_type", "Rampart-Test-City");
        meta.put("description", Map.of("en", "Test data"));
        meta.put("ip_version", new Uint(5, 6));
        meta.put("languages", List.of("en"));
        meta.put("node_count", new Uint(6, count));
        meta.put("record_size", new Uint(5, 24));
        encode(out, meta);
        return Files.write(file, out.toByteArray());
    }

    /** An unsigned integer of the given MaxMind type (5 uint16, 6 uint32, 9 uint64). */
    private record Uint(int type, long value) {
    }

    private static void encode(ByteArrayOutputStream out, Object v) {
        if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.writeBytes(b);
        } else if (v instanceof Double d) {
            control(out, 3, 8);
            long bits = Double.doubleToLongBits(d);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (bits >>> (8 * i)));
            }
        } else if (v instanceof Uint u) {
            int n = 0;
            for (long x = u.value(); x != 0; x >>>= 8) {
                n++;
            }
            control(out, u.type(), n);
            for (int i = n - 1; i >= 0; i--) {
                out.write((int) (u.value() >>> (8 * i)));
            }
        } else if (v instanceof Map<?, ?> m) {
            control(out, 7, m.size());
            m.forEach((k, x) -> {
                encode(out, k.toString());
                encode(out, x);
            });
        } else if (v instanceof List<?> l) {
            control(out, 11, l.size());
            l.forEach(x -> encode(out, x));
        } else {
            throw new IllegalArgumentException("cannot encode " + v);
        }
    }

    private static void control(ByteArrayOutputStream out, int type, int size) {
        int first = (type <= 7 ? type : 0) << 5;
        if (size < 29) {
            out.write(first | size);
        } else {
            out.write(first | 29);
        }
        if (type > 7) {
            out.write(type - 7);
        }
        if (size >= 29) {
            out.write(size - 29);
        }
    }
}
