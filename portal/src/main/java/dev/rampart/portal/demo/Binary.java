package dev.rampart.portal.demo;

/**
 * An executable or library with stable hashes and version resource, so the same file has the same SHA1 on every
 * device and every day, as in real telemetry.
 */
record Binary(String fileName, String path, String sha1, String sha256, String md5, long size, String company,
              String product, String version, String description, String signer) {

    static Binary of(String path, String company, String product, String version, String description) {
        String fileName = path.substring(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
        String key = path.toLowerCase() + '|' + version;
        long size = 40_000 + Math.floorMod(Ids.of(key), 4_000_000);
        // Linux packages carry no Authenticode signature, so Defender leaves the signer columns empty there.
        String signer = company == null ? (path.startsWith("/") ? null : "Unknown") : company.startsWith("Microsoft") ? "OsVendor" : "Trusted";
        return new Binary(fileName, path, Ids.sha1(key), Ids.sha256(key), Ids.md5(key), size, company, product,
                version, description, signer);
    }

    /** A file nobody signed, e.g. an attacker tool dropped on disk. */
    static Binary unsigned(String path, String key, long size) {
        String fileName = path.substring(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
        return new Binary(fileName, path, Ids.sha1(key), Ids.sha256(key), Ids.md5(key), size, null, null, null, null, "Unknown");
    }
}
