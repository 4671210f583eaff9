package dev.rampart.portal.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps web sessions in step with the account: a session whose account was disabled, deleted or given a new
 * password ends at its next request, and role changes apply at the next request instead of the next sign-in.
 * Costs two indexed queries per request, which is small next to rendering a page.
 */
class AccountStateFilter extends OncePerRequestFilter {
    /** Session attribute: the credentials version the session signed in with. */
    static final String CREDENTIALS_VERSION = AccountStateFilter.class.getName() + ".credentialsVersion";

    private final UserAccounts users;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    AccountStateFilter(UserAccounts users) {
        this.users = users;
    }

    /** Remembers in the session which password generation it is bound to (call after sign-in or own password change). */
    static void bind(HttpServletRequest request, UserAccounts users, String username) {
        users.sessionState(username).ifPresent(s -> request.getSession().setAttribute(CREDENTIALS_VERSION, s.credentialsVersion()));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/") || path.startsWith("/img/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = req.getSession(false);
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated() || session == null) {
            chain.doFilter(req, res);
            return;
        }
        Optional<UserAccounts.SessionState> state = users.sessionState(auth.getName());
        Object bound = session.getAttribute(CREDENTIALS_VERSION);
        if (state.isEmpty() || !state.get().enabled()
                || (bound instanceof Integer v && v != state.get().credentialsVersion())) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            if ("true".equals(req.getHeader("HX-Request"))) {
                res.setHeader("HX-Redirect", "/login");
                res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                res.sendRedirect(req.getContextPath() + "/login");
            }
            return;
        }
        if (bound == null) {
            session.setAttribute(CREDENTIALS_VERSION, state.get().credentialsVersion());
        }
        Set<String> now = names(state.get().authorities());
        if (!now.equals(names(auth.getAuthorities()))) {
            // An OpenID Connect session keeps its token type: sign-out needs its ID token for the provider's logout.
            AbstractAuthenticationToken refreshed = auth instanceof OAuth2AuthenticationToken o
                    ? new OAuth2AuthenticationToken(o.getPrincipal(), state.get().authorities(), o.getAuthorizedClientRegistrationId())
                    : UsernamePasswordAuthenticationToken.authenticated(auth.getPrincipal(), null, state.get().authorities());
            refreshed.setDetails(auth.getDetails());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(refreshed);
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, req, res);
        }
        chain.doFilter(req, res);
    }

    private static Set<String> names(java.util.Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }
}
