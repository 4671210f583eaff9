package dev.rampart.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

class HandlerSecurityTest {

    static class Unguarded {
        public String page() {
            return "x";
        }
    }

    static class MethodGuarded {
        @PreAuthorize("isAuthenticated()")
        public String page() {
            return "x";
        }
    }

    @PreAuthorize("isAuthenticated()")
    static class ClassGuarded {
        public String page() {
            return "x";
        }
    }

    private static HandlerMethod handler(Object bean) throws Exception {
        return new HandlerMethod(bean, bean.getClass().getMethod("page"));
    }

    @Test
    void unguarded_handlerWithoutPreAuthorize_isReported() throws Exception {
        List<String> missing = HandlerSecurity.unguarded(
                List.of(handler(new Unguarded()), handler(new MethodGuarded()), handler(new ClassGuarded())), "dev.rampart.portal");
        assertThat(missing).containsExactly("Unguarded#page");
    }

    @Test
    void unguarded_handlerOutsideBasePackage_isIgnored() throws Exception {
        assertThat(HandlerSecurity.unguarded(List.of(handler(new Unguarded())), "org.example")).isEmpty();
    }
}
