package dev.rampart.portal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/** Finds web handler methods of the portal that declare no {@code @PreAuthorize} (on the method or its class). */
final class HandlerSecurity {
    /** Handlers that are public on purpose, as {@code SimpleClassName#method}. */
    static final Set<String> PUBLIC = Set.of("LoginController#login");

    private HandlerSecurity() {
    }

    static String name(HandlerMethod h) {
        return h.getBeanType().getSimpleName() + "#" + h.getMethod().getName();
    }

    /** Names of the handlers in package {@code basePackage} (and below) without a permission declaration. */
    static List<String> unguarded(Collection<HandlerMethod> handlers, String basePackage) {
        return handlers.stream()
                .filter(h -> h.getBeanType().getName().startsWith(basePackage + "."))
                .filter(h -> !PUBLIC.contains(name(h)))
                .filter(h -> !AnnotatedElementUtils.hasAnnotation(h.getMethod(), PreAuthorize.class)
                        && !AnnotatedElementUtils.hasAnnotation(h.getBeanType(), PreAuthorize.class))
                .map(HandlerSecurity::name)
                .distinct().sorted().toList();
    }
}
