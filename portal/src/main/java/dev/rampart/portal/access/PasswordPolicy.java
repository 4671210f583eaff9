package dev.rampart.portal.access;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The minimum rules a new password must meet. Length beats composition rules for strength, so the policy asks
 * for length and rejects only the obviously weak. The upper bound is bcrypt's: it reads at most 72 bytes.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    /** Returns why {@code password} is not acceptable for {@code username}, or empty when it is. */
    public static Optional<String> problem(String password, String username) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Enter a password.");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("Use at most " + MAX_BYTES + " bytes (about " + MAX_BYTES + " plain characters).");
        }
        if (password.codePoints().distinct().count() < 4) {
            return Optional.of("Use at least 4 different characters.");
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("The password must not contain the user name.");
        }
        return Optional.empty();
    }
}
