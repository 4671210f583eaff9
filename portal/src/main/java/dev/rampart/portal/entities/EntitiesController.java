package dev.rampart.portal.entities;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.entities.EntityAlertsProvider.EntityKind;
import dev.rampart.portal.hunting.GoHunt;
import dev.rampart.portal.web.Csv;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Entity pages (device, user, file, IP, domain) and the Assets lists; all read the event store. */
@Controller
@PreAuthorize(Perms.SECURITY_DATA_READ)
class EntitiesController {
    static final int TIMELINE_PAGE = 50;
    static final int LIST_PAGE = 50;

    private final Devices devices;
    private final DeviceInventory inventory;
    private final IdentityInventory identityInventory;
    private final dev.rampart.portal.access.AuditLog audit;
    private final Identities identities;
    private final Files files;
    private final Network network;
    private final ObjectProvider<EntityAlertsProvider> alerts;
    private final GeoIpDatabase geoIp;
    private final dev.rampart.portal.criticalassets.CriticalAssets criticalAssets;

    EntitiesController(Devices devices, DeviceInventory inventory, IdentityInventory identityInventory, Identities identities, Files files, Network network, ObjectProvider<EntityAlertsProvider> alerts,
                       GeoIpDatabase geoIp, dev.rampart.portal.criticalassets.CriticalAssets criticalAssets,
                       dev.rampart.portal.access.AuditLog audit) {
        this.audit = audit;
        this.geoIp = geoIp;
        this.criticalAssets = criticalAssets;
        this.devices = devices;
        this.inventory = inventory;
        this.identityInventory = identityInventory;
        this.identities = identities;
        this.files = files;
        this.network = network;
        this.alerts = alerts;
    }

    private void related(Model model, EntityKind kind, String key) {
        EntityAlertsProvider p = alerts.getIfAvailable();
        model.addAttribute("related", p == null ? null : p.relatedTo(kind, key, 20));
    }

    private static List<String> userKeys(String... keys) {
        return java.util.Arrays.stream(keys).filter(k -> k != null && !k.isBlank()).toList();
    }

    private static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, what);
    }

    @GetMapping("/devices")
    String deviceList(DeviceInventory.Query query, Model model) {
        model.addAttribute("list", inventory.list(query, LIST_PAGE));
        model.addAttribute("query", query);
        return "entities/devices";
    }

    /**
     * Every device of the list's filters, in its order, as CSV: at most 10,000 rows (as the reference's exports); the
     * X-Total-Count header says how many matched. Audited.
     */
    @GetMapping("/devices/export.csv")
    void deviceListCsv(DeviceInventory.Query query, jakarta.servlet.http.HttpServletResponse res) throws java.io.IOException {
        DeviceInventory.Page list = inventory.list(query.with("page", "0"), DeviceInventory.MAX_EXPORT);
        res.setContentType("text/csv;charset=UTF-8");
        res.setHeader("Content-Disposition", "attachment; filename=\"rampart-devices.csv\"");
        res.setHeader("X-Total-Count", String.valueOf(list.total()));
        audit.record("devices.export", "device-list", query.link("/devices"), list.rows().size() + " of " + list.total() + " devices");
        var out = res.getWriter();
        out.write(Csv.line("Device name", "Device ID", "Criticality", "Mitigation", "Risk level", "Active alerts", "Exposure level", "OS platform", "OS version", "Device type",
                "Sensor health state", "Onboarding status", "Device group", "Tags", "Asset value", "First seen", "Last seen"));
        for (DeviceInventory.InventoryRow d : list.rows()) {
            out.write(Csv.line(d.name(), d.deviceId(), d.criticality(), d.mitigation(), d.riskLevel(), String.valueOf(d.activeAlerts()), d.exposureLevel(), d.osPlatform(),
                    d.osVersion(), d.deviceType(), d.sensorHealth(), d.onboarding(), d.group(), String.join("; ", d.tags()), d.assetValue(),
                    EntityLinks.iso(d.firstSeen()), EntityLinks.iso(d.lastSeen())));
        }
        out.flush();
    }

    @GetMapping("/devices/{key}")
    String device(@PathVariable String key, Model model) {
        String id = devices.resolve(key).orElseThrow(() -> notFound("No device \"" + key + "\" in the event store."));
        if (!id.equals(key)) {
            return "redirect:" + EntityLinks.device(id);
        }
        var overview = devices.overview(id).orElseThrow(() -> notFound("No device \"" + key + "\" in the event store."));
        var timeline = devices.timeline(id, null, null, 0, TIMELINE_PAGE);
        // DeviceInfo is a periodic report; the newest event says more precisely when the device was last seen.
        model.addAttribute("d", timeline.events().isEmpty() ? overview : overview.seenAt(timeline.events().get(0).time()));
        model.addAttribute("users", devices.loggedOnUsers(id));
        model.addAttribute("software", devices.software(id));
        model.addAttribute("timeline", timeline);
        model.addAttribute("tables", List.copyOf(Devices.TIMELINE_TABLES.keySet()));
        model.addAttribute("hunt", GoHunt.link(GoHunt.Entity.DEVICE, "DeviceId", id));
        related(model, EntityKind.DEVICE, overview.name());
        EntityAlertsProvider p = alerts.getIfAvailable();
        model.addAttribute("active", p == null ? null : p.activeAlertsForDevice(overview.name()));
        model.addAttribute("criticality", criticalAssets.levelOf(id).orElse(null));
        model.addAttribute("canSetCriticality", criticalAssets.canSetLevel(id));
        return "entities/device";
    }

    @GetMapping("/devices/{id}/timeline")
    String timeline(@PathVariable String id, @RequestParam(required = false) String table, @RequestParam(required = false) String action,
                    @RequestParam(required = false) String q, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(defaultValue = "0") int page, Model model) {
        if (!devices.visible(id)) {
            throw notFound("No device \"" + id + "\" in the event store.");
        }
        TimelineRange range = TimelineRange.parse(from, to);
        model.addAttribute("deviceId", id);
        model.addAttribute("table", table == null ? "" : table);
        model.addAttribute("action", action == null ? "" : action);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("range", range);
        model.addAttribute("timeline", devices.timeline(id, blankToNull(table), blankToNull(action), q, range.from(), range.to(), page, TIMELINE_PAGE));
        model.addAttribute("tables", List.copyOf(Devices.TIMELINE_TABLES.keySet()));
        return "entities/timeline";
    }

    /**
     * The timeline's events under its filters as CSV, newest first: at most 7 days (the reference's limit; the last 7 when
     * no range is given) and 10,000 events. Audited.
     */
    @GetMapping("/devices/{id}/timeline.csv")
    void timelineCsv(@PathVariable String id, @RequestParam(required = false) String table, @RequestParam(required = false) String action,
                     @RequestParam(required = false) String q, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     jakarta.servlet.http.HttpServletResponse res) throws java.io.IOException {
        if (!devices.visible(id)) {
            throw notFound("No device \"" + id + "\" in the event store.");
        }
        TimelineRange range = TimelineRange.parse(from, to).forExport();
        var page = devices.timeline(id, blankToNull(table), blankToNull(action), q, range.from(), range.to(), 0, Devices.MAX_TIMELINE_EXPORT);
        audit.record("device.timeline.export", "device", id, page.events().size() + " events, " + range.label());
        res.setContentType("text/csv;charset=UTF-8");
        res.setHeader("Content-Disposition", "attachment; filename=\"rampart-timeline-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"");
        var out = res.getWriter();
        out.write(Csv.line("Timestamp", "Table", "ActionType", "Details", "InitiatingProcessFileName", "InitiatingProcessAccountName"));
        for (Devices.TimelineEvent e : page.events()) {
            out.write(Csv.line(EntityLinks.iso(e.time()), e.table(), e.actionType(), e.summary(), e.process(), e.account()));
        }
        out.flush();
    }

    @GetMapping("/identities")
    String identityList(IdentityInventory.Query query, Model model) {
        model.addAttribute("list", identityInventory.list(query, LIST_PAGE));
        model.addAttribute("query", query);
        return "entities/identities";
    }

    /** Every account of the list's filters, in its order (at most 10,000), as CSV; X-Total-Count says how many matched. Audited. */
    @GetMapping("/identities/export.csv")
    void identityListCsv(IdentityInventory.Query query, jakarta.servlet.http.HttpServletResponse res) throws java.io.IOException {
        IdentityInventory.Page list = identityInventory.list(query.with("page", "0"), IdentityInventory.MAX_EXPORT);
        audit.record("identities.export", "identity-list", query.link("/identities"), list.rows().size() + " of " + list.total() + " accounts");
        res.setContentType("text/csv;charset=UTF-8");
        res.setHeader("Content-Disposition", "attachment; filename=\"rampart-identities.csv\"");
        res.setHeader("X-Total-Count", String.valueOf(list.total()));
        var out = res.getWriter();
        out.write(Csv.line("Name", "UPN", "Account name", "Department", "Job title", "Identity risk", "Active alerts", "Highest alert severity", "Enabled",
                "Environment", "Directory record"));
        for (IdentityInventory.Item i : list.rows()) {
            out.write(Csv.line(i.displayName(), i.upn(), i.accountName(), i.department(), i.jobTitle(), i.riskLevel(),
                    i.alerts() == null ? "" : String.valueOf(i.alerts().count()), i.alerts() == null ? "" : i.alerts().highestSeverity(),
                    i.enabled() == null ? "" : i.enabled() ? "Yes" : "No", i.environment(), EntityLinks.iso(i.lastSeen())));
        }
        out.flush();
    }

    @GetMapping("/users/{key}")
    String user(@PathVariable String key, Model model) {
        var account = identities.resolve(key).orElseThrow(() -> notFound("No account \"" + key + "\" in the event store."));
        if (!account.key().equals(key)) {
            return "redirect:" + EntityLinks.user(account.key());
        }
        model.addAttribute("a", account);
        model.addAttribute("devices", identities.devices(account));
        model.addAttribute("signIns", identities.signIns(account, 50));
        model.addAttribute("cloud", identities.cloudActivity(account, 50));
        model.addAttribute("hunt", GoHunt.link(GoHunt.Entity.ACCOUNT, account.upn() != null ? "AccountUpn" : "AccountName",
                account.upn() != null ? account.upn() : account.accountName()));
        related(model, EntityKind.USER, account.key());
        EntityAlertsProvider p = alerts.getIfAvailable();
        model.addAttribute("active", p == null ? null : p.activeAlertsForUser(userKeys(account.upn(), account.accountName(), account.objectId())));
        return "entities/user";
    }

    @GetMapping("/files/{hash}")
    String file(@PathVariable String hash, Model model) {
        if (!Files.isHash(hash)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "\"" + hash + "\" is not an MD5, SHA-1 or SHA-256 hash.");
        }
        var profile = files.profile(hash).orElseThrow(() -> notFound("No file with hash " + hash + " in the event store."));
        model.addAttribute("hash", hash);
        model.addAttribute("f", profile);
        model.addAttribute("names", files.names(hash));
        model.addAttribute("devices", files.devices(hash));
        model.addAttribute("hunt", GoHunt.link(GoHunt.Entity.FILE_HASH, "SHA1", hash));
        related(model, EntityKind.FILE, hash);
        return "entities/file";
    }

    @GetMapping("/ips/{ip}")
    String ip(@PathVariable String ip, Model model) {
        if (!Network.isIp(ip)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "\"" + ip + "\" is not an IP address.");
        }
        model.addAttribute("ip", ip);
        model.addAttribute("sightings", network.ipSightings(ip));
        model.addAttribute("devices", network.ipDevices(ip));
        model.addAttribute("names", network.ipNames(ip));
        model.addAttribute("assigned", network.ipAssignedTo(ip));
        model.addAttribute("location", geoIp.locate(ip).orElse(null));
        model.addAttribute("geoSource", geoIp.source().orElse(null));
        model.addAttribute("hunt", GoHunt.link(GoHunt.Entity.IP, "RemoteIP", ip));
        related(model, EntityKind.IP, ip);
        return "entities/ip";
    }

    @GetMapping("/urls/{domain}")
    String url(@PathVariable String domain, Model model) {
        String d = Network.domainOf(domain)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "\"" + domain + "\" is not a domain name."));
        if (!d.equals(domain)) {
            return "redirect:" + EntityLinks.url(d);
        }
        model.addAttribute("domain", d);
        model.addAttribute("sightings", network.domainSightings(d));
        model.addAttribute("devices", network.domainDevices(d));
        model.addAttribute("addresses", network.domainAddresses(d));
        model.addAttribute("urls", network.domainUrls(d));
        model.addAttribute("hunt", GoHunt.link(GoHunt.Entity.URL, "RemoteUrl", d));
        related(model, EntityKind.DOMAIN, d);
        return "entities/url";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
