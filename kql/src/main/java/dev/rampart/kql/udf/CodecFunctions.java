package dev.rampart.kql.udf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

import static dev.rampart.kql.udf.Family.fn;

/** Compression to and from base64 text, punycode labels and the binary form of GUIDs. */
final class CodecFunctions implements Family {
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "zlib_compress_to_base64_string s>s", a -> a[0] == null ? null : base64(zlib(utf8(a[0]))));
        fn(out, "zlib_decompress_from_base64_string s>s", a -> a[0] == null ? null : text(unzlib((String) a[0])));
        fn(out, "gzip_compress_to_base64_string s>s", a -> a[0] == null ? null : base64(gzip(utf8(a[0]))));
        fn(out, "gzip_decompress_from_base64_string s>s", a -> a[0] == null ? null : text(ungzip((String) a[0])));
        fn(out, "punycode_from_string s>s", a -> a[0] == null ? null : Punycode.encode((String) a[0]));
        fn(out, "punycode_to_string s>s", a -> a[0] == null ? null : Punycode.decode((String) a[0]));
        fn(out, "punycode_domain_to_string s>s", a -> a[0] == null ? null : Punycode.encodeDomain((String) a[0]));
        fn(out, "punycode_domain_from_string s>s", a -> a[0] == null ? null : Punycode.decodeDomain((String) a[0]));
        fn(out, "base64_encode_fromguid g>s", a -> a[0] == null ? null : base64(Guids.toBytes((String) a[0])));
        fn(out, "base64_decode_toguid s>g", a -> a[0] == null ? null : Guids.fromBytes(Base64.getDecoder().decode((String) a[0])));
        fn(out, "toguid s>g", a -> a[0] == null ? null : Guids.parse((String) a[0]));
    }

    private static byte[] utf8(Object s) {
        return ((String) s).getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(byte[] b) {
        return b == null ? null : Base64.getEncoder().encodeToString(b);
    }

    /** Undecodable bytes give null, like every malformed input of these functions. */
    private static String text(byte[] b) {
        if (b == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Raw deflate at the fastest level; input that does not shrink is kept in stored blocks, which is
     * what Kusto's encoder emits for short or incompressible text.
     */
    static byte[] deflate(byte[] in) {
        byte[] fast = deflate(in, Deflater.BEST_SPEED);
        return fast.length < in.length ? fast : deflate(in, Deflater.NO_COMPRESSION);
    }

    private static byte[] deflate(byte[] in, int level) {
        Deflater d = new Deflater(level, true);
        try {
            d.setInput(in);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    static byte[] zlib(byte[] in) {
        byte[] body = deflate(in);
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(in);
        ByteBuffer b = ByteBuffer.allocate(body.length + 6).order(ByteOrder.BIG_ENDIAN);
        // CMF deflate/32K window, FLEVEL "fastest"; FCHECK makes the pair a multiple of 31.
        b.put((byte) 0x78).put((byte) 0x01).put(body).putInt((int) adler.getValue());
        return b.array();
    }

    static byte[] gzip(byte[] in) {
        byte[] body = deflate(in);
        CRC32 crc = new CRC32();
        crc.update(in);
        ByteBuffer b = ByteBuffer.allocate(GZIP_HEADER.length + body.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(GZIP_HEADER).put(body).putInt((int) crc.getValue()).putInt(in.length);
        return b.array();
    }

    /** Null for text that is not base64 of a complete zlib stream. */
    private static byte[] unzlib(String base64) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(Base64.getDecoder().decode(base64));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    return null;
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException | IllegalArgumentException e) {
            return null;
        } finally {
            inf.end();
        }
    }

    /** Null for text that is not base64 of a complete gzip stream. */
    private static byte[] ungzip(String base64) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return in.readAllBytes();
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** GUID text and the 16-byte layout .NET uses (first three groups little-endian). */
    static final class Guids {
        private Guids() {
        }

        /** Canonical lower-case text, or null: 32 hex digits, optionally grouped by hyphens, in braces or parentheses. */
        static String parse(String s) {
            String t = s.trim();
            if (t.length() > 1 && ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("(") && t.endsWith(")")))) {
                t = t.substring(1, t.length() - 1);
            }
            String hex = t.replace("-", "");
            if (hex.length() != 32 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                return null;
            }
            if (!hex.equals(t) && (t.startsWith("-") || t.endsWith("-") || t.contains("--"))) {
                return null;
            }
            hex = hex.toLowerCase();
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
        }

        static byte[] toBytes(String guid) {
            String canon = parse(guid);
            if (canon == null) {
                return null;
            }
            byte[] b = HexFormat.of().parseHex(canon.replace("-", ""));
            reverse(b, 0, 4);
            reverse(b, 4, 2);
            reverse(b, 6, 2);
            return b;
        }

        static String fromBytes(byte[] bytes) {
            if (bytes.length != 16) {
                return null;
            }
            byte[] b = bytes.clone();
            reverse(b, 0, 4);
            reverse(b, 4, 2);
            reverse(b, 6, 2);
            return parse(HexFormat.of().formatHex(b));
        }

        private static void reverse(byte[] b, int from, int len) {
            for (int i = 0; i < len / 2; i++) {
                byte t = b[from + i];
                b[from + i] = b[from + len - 1 - i];
                b[from + len - 1 - i] = t;
            }
        }
    }
}
