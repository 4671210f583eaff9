package dev.rampart.portal.web;

import dev.rampart.portal.access.UserPreferences;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the signed-in user's time zone in {@link DisplayZone} for the request, pages and their fragments alike. */
@Configuration
class DisplayZoneInterceptor implements HandlerInterceptor, WebMvcConfigurer {
    private final UserPreferences preferences;

    DisplayZoneInterceptor(UserPreferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/api/**", "/css/**", "/js/**", "/img/**", "/webjars/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        DisplayZone.set(a == null || !a.isAuthenticated() ? null : preferences.zone(a.getName()));
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        DisplayZone.clear();
    }
}
