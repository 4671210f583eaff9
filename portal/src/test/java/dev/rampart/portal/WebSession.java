package dev.rampart.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like web session for integration tests: its own cookie jar, form sign-in through {@code /login},
 * and form posts that carry the session's CSRF token (as the {@code _csrf} field, like the portal's forms).
 * Redirects are not followed, so tests see 302s. Form values may be strings or collections (repeated fields).
 */
public final class WebSession {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String csrf;

    public WebSession(int port) {
        this.base = "http://localhost:" + port;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A new session signed in as {@code user}; fails the test when the portal refuses the credentials. */
    public static WebSession signIn(int port, String user, String password) {
        WebSession s = new WebSession(port);
        if (!s.trySignIn(user, password)) {
            throw new AssertionError("sign-in as " + user + " was refused");
        }
        return s;
    }

    /** Posts the sign-in form; true when the portal accepted it (redirect away from the login page). */
    public boolean trySignIn(String user, String password) {
        HttpResponse<String> page = get("/login");
        String token = find(CSRF_FIELD, page.body(), "/login");
        HttpResponse<String> r = send(formRequest("/login", form("username", user, "password", password, "_csrf", token)));
        csrf = null; // Spring Security issues a new token after authentication.
        String location = r.headers().firstValue("Location").orElse("");
        return r.statusCode() == 302 && !location.contains("/login");
    }

    /** GET as a browser sends it (HTML preferred). */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build());
    }

    /** GET of a download (PDF, CSV) as raw bytes. */
    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET as htmx sends it ({@code HX-Request: true}). */
    public HttpResponse<String> getHtmx(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true").GET().build());
    }

    /** Posts a form with this session's CSRF token added. */
    public HttpResponse<String> post(String path, Map<String, ?> fields) {
        return send(formRequest(path, withToken(fields)));
    }

    /** Posts a form as htmx does, with the CSRF token. */
    public HttpResponse<String> postHtmx(String path, Map<String, ?> fields) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.ofString(encode(withToken(fields))));
        return send(b.build());
    }

    /** Posts {@code multipart/form-data} with text fields and one file, the CSRF token in the query as the portal's upload forms send it. */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField, String fileName, byte[] content) {
        String boundary = "----rampart" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n").getBytes(utf8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(utf8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        String sep = path.contains("?") ? "&" : "?";
        return send(HttpRequest.newBuilder(URI.create(base + path + sep + "_csrf=" + csrfToken()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /** Posts a form without any CSRF token, as a cross-site forgery would. */
    public HttpResponse<String> postWithoutCsrf(String path, Map<String, ?> fields) {
        return send(formRequest(path, fields));
    }

    /** The session's current CSRF token, read from the page frame's meta tag. */
    public String csrfToken() {
        if (csrf == null) {
            csrf = find(CSRF_META, get("/").body(), "/");
        }
        return csrf;
    }

    /** Builds an ordered form map from alternating names and values. */
    public static Map<String, Object> form(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    private Map<String, Object> withToken(Map<String, ?> fields) {
        Map<String, Object> m = new LinkedHashMap<>(fields);
        m.put("_csrf", csrfToken());
        return m;
    }

    private HttpRequest formRequest(String path, Map<String, ?> fields) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))).build();
    }

    private static String encode(Map<String, ?> fields) {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> {
            Collection<?> values = v instanceof Collection<?> c ? c : v == null ? List.of() : List.of(v);
            for (Object one : values) {
                parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(String.valueOf(one), StandardCharsets.UTF_8));
            }
        });
        return String.join("&", parts);
    }

    private static String find(Pattern p, String body, String where) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no CSRF token on " + where);
        }
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
