package dev.rampart.portal.response.sensors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sensors' own filter chain, ahead of the user API chain: {@code /api/v1/sensors/enrol} is open (the enrolment
 * token in the body is the credential) and {@code /api/v1/sensors/me/**} takes {@code Authorization: Bearer <sensor
 * credential>}. User Basic credentials are not accepted here, and sensor credentials are not accepted anywhere else.
 */
@Configuration
class SensorSecurityConfig {

    @Bean
    @Order(0)
    @ConditionalOnWebApplication
    SecurityFilterChain sensors(HttpSecurity http, SensorProtocol protocol) throws Exception {
        http.securityMatcher("/api/v1/sensors/enrol", "/api/v1/sensors/me/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/api/v1/sensors/enrol").permitAll()
                        .anyRequest().hasAuthority(SensorAuthentication.AUTHORITY))
                .addFilterBefore(new BearerFilter(protocol), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problem(res, 401, "Unauthorized",
                                "Send the sensor credential from enrolment as Authorization: Bearer rsn_..."))
                        .accessDeniedHandler((req, res, ex) -> problem(res, 403, "Forbidden", "Only enrolled sensors may call this endpoint.")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless token-authenticated machine API: no cookies, so no CSRF exposure.
                .csrf(c -> c.disable());
        return http.build();
    }

    static final class BearerFilter extends OncePerRequestFilter {
        private final SensorProtocol protocol;

        BearerFilter(SensorProtocol protocol) {
            this.protocol = protocol;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
            String h = req.getHeader("Authorization");
            if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
                protocol.authenticate(h.substring(7).strip())
                        .ifPresent(s -> SecurityContextHolder.getContext().setAuthentication(new SensorAuthentication(s)));
            }
            chain.doFilter(req, res);
        }
    }

    private static void problem(HttpServletResponse res, int status, String title, String detail) throws IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
