package dev.rampart.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Guards every feature added later: each portal handler must declare the permission it needs. */
class HandlerSecurityIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext context;

    @Test
    void everyPortalHandler_declaresPreAuthorize() {
        List<HandlerMethod> handlers = new ArrayList<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values()
                .forEach(m -> handlers.addAll(m.getHandlerMethods().values()));
        assertThat(handlers).as("handler methods found").anyMatch(h -> HandlerSecurity.name(h).equals("HomeController#home"));
        assertThat(HandlerSecurity.unguarded(handlers, "dev.rampart.portal"))
                .as("handlers without @PreAuthorize (add one, or list a deliberately public handler in HandlerSecurity.PUBLIC)")
                .isEmpty();
    }
}
