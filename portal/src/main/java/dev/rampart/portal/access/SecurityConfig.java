package dev.rampart.portal.access;

import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.header.HeaderWriterFilter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains: {@code /api/**} is stateless with HTTP Basic and answers 401/403 as problem JSON;
 * everything else uses form login with a session, CSRF protection and strict headers, plus sign-in with OpenID
 * Connect beside the form when {@code rampart.oidc.issuer-uri} is set (see {@link SingleSignOn}).
 * Permission checks themselves live on controller and service methods ({@code @PreAuthorize(Perms.X)}).
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    // Batch commands run without a web server, where HttpSecurity does not exist.
    @Bean
    @Order(1)
    @ConditionalOnWebApplication
    SecurityFilterChain api(HttpSecurity http, ApiClients clients) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.requestMatchers(org.springframework.http.HttpMethod.POST, TokenEndpoint.PATH).permitAll()
                        .anyRequest().authenticated())
                // Bearer tokens of API clients beside Basic credentials of local accounts.
                .addFilterBefore(new BearerTokenFilter(clients), org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                .httpBasic(b -> b.authenticationEntryPoint((req, res, ex) ->
                        problem(res, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                                "Sign in with HTTP Basic credentials of a local account, or a bearer token of an API client.")))
                .exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) ->
                        problem(res, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "Your role does not grant the permission this endpoint needs.")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless Basic-authenticated API: no cookie session, so no CSRF exposure.
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    SecurityFilterChain web(HttpSecurity http, UserAccounts users, SingleSignOn sso, OidcSessions oidcSessions) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler saved = new SavedRequestAwareAuthenticationSuccessHandler();
        AuthenticationSuccessHandler onSuccess = (req, res, auth) -> {
            users.recordLogin(auth.getName());
            AccountStateFilter.bind(req, users, auth.getName());
            if (auth.getPrincipal() instanceof org.springframework.security.oauth2.core.oidc.user.OidcUser o) {
                // Remembered so that the provider's back-channel logout can end this session.
                oidcSessions.signedIn(req.getSession(), String.valueOf(o.getIdToken().getIssuer()), o.getSubject(),
                        o.getIdToken().getClaimAsString("sid"), auth.getName());
            }
            saved.onAuthenticationSuccess(req, res, auth);
        };
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.POST, BackChannelLogout.PATH).permitAll()
                        .anyRequest().authenticated())
                // The provider calls back-channel logout server to server: no session, no CSRF token; the signed logout token is the proof.
                .csrf(c -> c.ignoringRequestMatchers(BackChannelLogout.PATH))
                .formLogin(f -> f.loginPage("/login").successHandler(onSuccess).permitAll())
                .addFilterAfter(new AccountStateFilter(users), SecurityContextHolderFilter.class)
                .headers(h -> h
                        // Written before the request runs: a notification stream sends from another thread, and headers
                        // written at commit time from both threads at once corrupt the response (Tomcat NPE on disconnect).
                        .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                            @Override
                            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        })
                        .addHeaderWriter((req, res) -> res.setHeader("Content-Security-Policy", csp(sso)))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        // Always wired: the registration follows Settings > Single sign-on and is absent while sign-in with a provider is off.
        OidcClientInitiatedLogoutSuccessHandler rpLogout = new OidcClientInitiatedLogoutSuccessHandler(sso.registrations());
        // Sessions of local accounts, and providers without an end_session_endpoint, end here.
        rpLogout.setDefaultTargetUrl("/login?logout");
        rpLogout.setPostLogoutRedirectUri("{baseUrl}/login?logout");
        http.oauth2Login(o -> o.loginPage("/login")
                        .clientRegistrationRepository(sso.registrations())
                        .userInfoEndpoint(u -> u.oidcUserService(sso.userService()))
                        .successHandler(onSuccess)
                        .failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?sso")))
                // POST only (CSRF protection on): the layout's sign-out button is a form carrying the token.
                .logout(l -> l.logoutUrl("/logout").logoutSuccessHandler(rpLogout));
        return http.build();
    }

    /**
     * Browsers apply form-action to the redirects that follow a form post too, so signing out (a POST that the
     * portal redirects to the provider's end-session endpoint) needs the provider's origin allowed there. Computed per
     * response because the provider can change on Settings › Single sign-on.
     */
    private static String csp(SingleSignOn sso) {
        if (!sso.enabled()) {
            return CSP;
        }
        java.net.URI issuer = java.net.URI.create(sso.issuerUri());
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        return CSP.replace("form-action 'self'", "form-action 'self' " + origin);
    }

    static void problem(HttpServletResponse res, int status, String title, String detail) throws java.io.IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
