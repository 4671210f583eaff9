package dev.rampart.portal.demo;

/** Internet destinations of benign traffic: host names with addresses inside their operators' real ranges. */
final class Web {
    record Site(String url, String ip) {
    }

    static final Site[] BROWSING = sites(
            "www.google.com", "142.250.72.", "www.bing.com", "13.107.21.", "www.linkedin.com", "13.107.42.",
            "www.youtube.com", "142.250.190.", "en.wikipedia.org", "208.80.154.", "www.maersk.com", "23.45.112.",
            "www.dhl.com", "23.52.64.", "www.ups.com", "23.36.96.", "www.fedex.com", "23.59.80.", "news.ycombinator.com",
            "209.216.230.", "www.bbc.co.uk", "151.101.0.", "www.nytimes.com", "151.101.129.", "www.weather.com",
            "23.206.32.", "stackoverflow.com", "104.18.32.", "www.amazon.com", "52.94.236.", "docs.microsoft.com",
            "23.40.180.", "www.marinetraffic.com", "104.26.8.", "www.reuters.com", "23.62.48.", "www.booking.com",
            "104.70.128.", "zoom.us", "170.114.52.", "www.ft.com", "151.101.66.", "www.gov.uk", "151.101.64.");
    static final Site[] MICROSOFT = sites(
            "outlook.office365.com", "52.96.165.", "larkspur.sharepoint.com", "13.107.136.",
            "larkspur-my.sharepoint.com", "13.107.138.", "teams.microsoft.com", "52.113.194.",
            "login.microsoftonline.com", "20.190.151.", "graph.microsoft.com", "20.190.144.",
            "officeclient.microsoft.com", "52.109.8.", "substrate.office.com", "52.96.91.");
    static final Site[] WINDOWS = sites(
            "v10.events.data.microsoft.com", "20.42.65.", "settings-win.data.microsoft.com", "51.124.78.",
            "fe3cr.delivery.mp.microsoft.com", "20.72.235.", "ctldl.windowsupdate.com", "23.218.218.",
            "wdcp.microsoft.com", "20.10.31.", "winatp-gw-eus.microsoft.com", "20.42.73.", "ocsp.digicert.com", "192.229.211.",
            "go.microsoft.com", "23.201.220.");
    static final Site[] DEV = sites(
            "github.com", "140.82.112.", "api.github.com", "140.82.113.", "registry.npmjs.org", "104.16.24.",
            "repo.maven.apache.org", "151.101.132.", "pypi.org", "151.101.0.", "larkspur.my.salesforce.com", "13.110.18.",
            "signin.aws.amazon.com", "54.239.28.", "console.aws.amazon.com", "54.239.30.");
    static final Site[] LINUX = sites(
            "archive.ubuntu.com", "91.189.91.", "security.ubuntu.com", "185.125.190.", "registry-1.docker.io", "54.236.113.",
            "production.cloudflare.docker.com", "104.16.100.", "api.snapcraft.io", "185.125.188.");
    static final Site[] MAC = sites(
            "swscan.apple.com", "17.253.17.", "gateway.icloud.com", "17.248.147.", "mesu.apple.com", "17.253.21.",
            "www.apple.com", "23.56.10.");

    /** External mail relays and internet clients that reach the mail and web servers. */
    static final String[] INBOUND_CLIENTS = ips("40.92.", "40.107.", "52.100.", "209.85.", "67.231.", "185.12.", "94.100.",
            "81.2.", "62.30.", "77.68.", "86.10.", "213.205.");

    private Web() {
    }

    private static Site[] sites(String... pairs) {
        Site[] out = new Site[pairs.length / 2];
        for (int i = 0; i < out.length; i++) {
            String prefix = pairs[2 * i + 1];
            out[i] = new Site(pairs[2 * i], prefix + (10 + Math.floorMod(Ids.of(pairs[2 * i]), 200)));
        }
        return out;
    }

    private static String[] ips(String... prefixes) {
        String[] out = new String[prefixes.length * 16];
        for (int i = 0; i < out.length; i++) {
            String p = prefixes[i % prefixes.length];
            long h = Ids.mix(i * 7919L);
            out[i] = p + Math.floorMod(h, 250) + '.' + (1 + Math.floorMod(h >>> 16, 250));
        }
        return out;
    }
}
