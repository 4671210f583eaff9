package dev.rampart.portal.demo;

import java.util.SplittableRandom;

/**
 * Deterministic identifiers: hex digests, GUIDs and SIDs derived from seeds, so the same organisation and
 * the same binaries always carry the same ids and hashes. Built with char arrays; no per-row formatting.
 */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    /** SplitMix64 finaliser: a strong 64-bit mix for turning counters and text hashes into ids. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** 64-bit FNV-1a of the text, mixed. */
    static long of(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** {@code len} lower-case hex digits, a stable pseudo-digest of {@code seed}. */
    static String hex(long seed, int len) {
        char[] c = new char[len];
        long v = mix(seed);
        for (int i = 0; i < len; i++) {
            if ((i & 15) == 0 && i > 0) {
                v = mix(v + i);
            }
            c[i] = HEX[(int) (v >>> ((i & 15) * 4)) & 15];
        }
        return new String(c);
    }

    static String sha1(String key) {
        return hex(of("sha1:" + key), 40);
    }

    static String sha256(String key) {
        return hex(of("sha256:" + key), 64);
    }

    static String md5(String key) {
        return hex(of("md5:" + key), 32);
    }

    static String guid(SplittableRandom rnd) {
        return guid(rnd.nextLong(), rnd.nextLong());
    }

    static String guid(long a, long b) {
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                c[p++] = '-';
            }
            long v = i < 16 ? a : b;
            int nib = (int) (v >>> ((i & 15) * 4)) & 15;
            if (i == 12) {
                nib = 4; // version 4 shape, as real tenant/object ids look
            } else if (i == 16) {
                nib = 8 | (nib & 3);
            }
            c[p++] = HEX[nib];
        }
        return new String(c);
    }

    static String guid(String key) {
        long a = of(key);
        return guid(a, mix(a + 0x9e3779b97f4a7c15L));
    }

    /** Upper-case hex with colons, as MAC addresses are shown in DeviceNetworkInfo. */
    static String mac(long seed) {
        long v = mix(seed);
        char[] c = new char[17];
        int p = 0;
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                c[p++] = '-';
            }
            int b = (int) (v >>> (i * 8)) & 0xff;
            if (i == 0) {
                b &= 0xfc; // globally unique, unicast
            }
            c[p++] = Character.toUpperCase(HEX[b >>> 4]);
            c[p++] = Character.toUpperCase(HEX[b & 15]);
        }
        return new String(c);
    }
}
