package dev.rampart.portal.workloads;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses every page and API of a workload that is off, by URL ({@link Workload#owning}), before the handler runs, so
 * no feature has to remember to check. The refusal is a {@link WorkloadNotEnabledException}: 404 with the reason.
 */
@Configuration
class WorkloadGuard implements WebMvcConfigurer, HandlerInterceptor {
    private final Workloads workloads;

    WorkloadGuard(Workloads workloads) {
        this.workloads = workloads;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Workload.owning(path).ifPresent(workloads::require);
        return true;
    }
}
