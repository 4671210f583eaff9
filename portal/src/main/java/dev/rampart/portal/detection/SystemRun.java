package dev.rampart.portal.detection;

import dev.rampart.portal.access.Permission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Helpers for batch harnesses: run as a named system identity holding every permission; remove a temporary folder. */
final class SystemRun {
    private SystemRun() {
    }

    static <T> T as(String name, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext ctx = SecurityContextHolder.createEmptyContext();
        List<SimpleGrantedAuthority> all = Arrays.stream(Permission.values()).map(p -> new SimpleGrantedAuthority(p.authority())).toList();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null, all));
        SecurityContextHolder.setContext(ctx);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless; the result has been printed.
        }
    }
}
