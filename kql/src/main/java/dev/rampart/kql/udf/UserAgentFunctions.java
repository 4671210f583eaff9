package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;
import ua_parser.CachingParser;
import ua_parser.OS;
import ua_parser.Parser;
import ua_parser.UserAgent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * parse_user_agent(): browser and operating system from ua-parser's shared regexes (the source of Kusto's
 * Family/Major/Minor/Patch fields), the device from the same file's device rules, which also give brand and model.
 */
final class UserAgentFunctions implements Family {

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "parse_user_agent s,y>y", a -> {
            if (a[0] == null || a[1] == null) {
                return null;
            }
            Map<String, Object> parts = parse((String) a[0], JsonLines.read((String) a[1]));
            return parts == null ? null : Json.write(parts);
        });
    }

    /** {@code lookFor}: "browser", "os" or "device", or a list of them; anything else gives null. */
    static Map<String, Object> parse(String agent, Object lookFor) {
        List<?> wanted = lookFor instanceof List<?> l ? l : List.of(lookFor == null ? "" : lookFor);
        boolean browser = false;
        boolean os = false;
        boolean device = false;
        for (Object w : wanted) {
            switch (w instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : "") {
                case "browser" -> browser = true;
                case "os" -> os = true;
                case "device" -> device = true;
                default -> {
                    return null;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (browser) {
            UserAgent ua = Parsers.UA.parseUserAgent(agent);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("Family", text(ua.family));
            b.put("MajorVersion", text(ua.major));
            b.put("MinorVersion", text(ua.minor));
            b.put("Patch", text(ua.patch));
            out.put("Browser", b);
        }
        if (os) {
            OS o = Parsers.UA.parseOS(agent);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("Family", text(o.family));
            b.put("MajorVersion", text(o.major));
            b.put("MinorVersion", text(o.minor));
            b.put("Patch", text(o.patch));
            b.put("PatchMinor", text(o.patchMinor));
            out.put("OperatingSystem", b);
        }
        if (device) {
            UserAgentDevices.Device d = UserAgentDevices.parse(agent);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("Family", text(d.family()));
            b.put("Brand", text(d.brand()));
            b.put("Model", text(d.model()));
            out.put("Device", b);
        }
        return out;
    }

    /** Kusto writes a version part the user agent does not have as an empty string. */
    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** Compiling the regexes takes a while, so it waits for the first call; the cache serves repeated agents. */
    private static final class Parsers {
        static final Parser UA = new CachingParser();
    }
}
