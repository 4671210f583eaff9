package dev.rampart.portal.access;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client for flows that cross sites (portal ↔ identity provider): one cookie jar for every
 * host, redirects followed by hand so each hop is recorded in {@link #hops}, forms posted with their CSRF field.
 */
final class FollowingClient {
    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** Every URI requested, in order, since the last {@link #clearHops()}. */
    final List<URI> hops = new ArrayList<>();

    void clearHops() {
        hops.clear();
    }

    /** GETs {@code uri} and follows redirects; returns the last response. */
    HttpResponse<String> get(String uri) {
        return follow(send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html").GET().build()));
    }

    /** GETs without following redirects. */
    HttpResponse<String> getOnce(String uri) {
        return send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html").GET().build());
    }

    /** Posts a form to {@code action} (resolved against {@code page}'s URI) with the page's CSRF field, following redirects. */
    HttpResponse<String> submit(HttpResponse<String> page, String action, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        Matcher input = CSRF_INPUT.matcher(page.body());
        if (input.find()) {
            Matcher v = VALUE.matcher(input.group());
            if (v.find()) {
                all.put("_csrf", v.group(1));
            }
        } else {
            Matcher meta = CSRF_META.matcher(page.body());
            if (meta.find()) {
                all.put("_csrf", meta.group(1));
            }
        }
        List<String> parts = new ArrayList<>();
        all.forEach((k, v) -> parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return follow(send(HttpRequest.newBuilder(page.uri().resolve(action)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(String.join("&", parts))).build()));
    }

    private HttpResponse<String> follow(HttpResponse<String> r) {
        for (int i = 0; i < 15 && r.statusCode() / 100 == 3; i++) {
            URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
            r = send(HttpRequest.newBuilder(next).header("Accept", "text/html").GET().build());
        }
        return r;
    }

    private HttpResponse<String> send(HttpRequest request) {
        hops.add(request.uri());
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
