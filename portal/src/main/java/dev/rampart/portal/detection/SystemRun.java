package dev.rampart.portal.detection;

import dev.rampart.portal.access.SystemIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Helpers for batch harnesses: run as a named system identity holding every permission; remove a temporary folder. */
final class SystemRun {
    private SystemRun() {
    }

    static <T> T as(String name, Supplier<T> work) {
        return SystemIdentity.run(name, work);
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless; the result has been printed.
        }
    }
}
