package dev.rampart.portal.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

/**
 * Seals secrets the portal must read back (an identity provider's client secret) before they are stored, with
 * AES-256-GCM under this installation's key. The key is {@code rampart.secret-key} (env {@code RAMPART_SECRET_KEY},
 * at least 32 characters; give every portal node sharing one database the same value) or else the file
 * {@code secret.key} in the data directory, created on first use with owner-only permissions. A sealed value reads
 * {@code v1:} followed by the ciphertext; anything else is a value stored before sealing existed.
 */
@Component
public class SecretBox {
    static final String PREFIX = "v1:";
    private static final int MIN_KEY_CHARS = 32;

    private final TextEncryptor encryptor;

    @Autowired
    public SecretBox(RampartProperties properties, @Value("${rampart.secret-key:}") String configuredKey) {
        this(keyMaterial(properties.dataDir(), configuredKey));
    }

    /** A box under the given key material (at least 32 characters), as another installation would have. */
    public SecretBox(String keyMaterial) {
        this.encryptor = Encryptors.delux(keyMaterial, salt(keyMaterial));
    }

    /** The value to store for {@code plain}; null stays null. */
    public String seal(String plain) {
        return plain == null ? null : PREFIX + encryptor.encrypt(plain);
    }

    /** Whether {@code stored} was sealed by {@link #seal} (with any key). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /**
     * The secret a stored value holds: a sealed value opened with this installation's key, an unsealed one as it is.
     * Empty when the value was sealed under another key (the key file was replaced or the key setting changed).
     */
    public Optional<String> open(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        if (!isSealed(stored)) {
            return Optional.of(stored);
        }
        try {
            return Optional.of(encryptor.decrypt(stored.substring(PREFIX.length())));
        } catch (IllegalStateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String keyMaterial(Path dataDir, String configured) {
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().length() < MIN_KEY_CHARS) {
                throw new IllegalStateException("rampart.secret-key must have at least " + MIN_KEY_CHARS + " characters");
            }
            return configured.strip();
        }
        Path file = dataDir.resolve("secret.key");
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                write(file, Base64.getEncoder().encodeToString(key));
            }
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (key.length() < MIN_KEY_CHARS) {
                throw new IllegalStateException(file + " holds no key (at least " + MIN_KEY_CHARS + " characters expected)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + file, e);
        }
    }

    private static void write(Path file, String key) throws IOException {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException raced) {
            // Another start created it first; its key is the one to use.
        }
    }

    /** A salt fixed by the key, so that the same key opens values sealed on every node and after restarts. */
    private static String salt(String keyMaterial) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("rampart-secret-box:" + keyMaterial).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
