package dev.rampart.portal.entities;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.criticalassets.CriticalAssets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/devices} and {@code /api/v1/identities}: the Assets lists for scripts, with the pages' filters (the
 * same parameter names), a page of at most 500, and the caller's data scope. A filter value that names nothing is a
 * 400 naming the parameter, where the pages ignore it.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@PreAuthorize(Perms.SECURITY_DATA_READ)
class AssetsApiController {
    private final DeviceInventory devices;
    private final IdentityInventory identities;
    private final Devices deviceData;

    AssetsApiController(DeviceInventory devices, IdentityInventory identities, Devices deviceData) {
        this.devices = devices;
        this.identities = identities;
        this.deviceData = deviceData;
    }

    /** A request parameter that names nothing. */
    static final class BadParameter extends RuntimeException {
        final String parameter;

        BadParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }

    @GetMapping("/devices")
    Map<String, Object> devices(@RequestParam(required = false) String q, @RequestParam(required = false) String os,
                                @RequestParam(required = false) String risk, @RequestParam(required = false) String exposure,
                                @RequestParam(required = false) String health, @RequestParam(required = false) String onboarding,
                                @RequestParam(required = false) String group, @RequestParam(required = false) String tag,
                                @RequestParam(required = false) String seen, @RequestParam(required = false) String critical,
                                @RequestParam(required = false) String mitigation, @RequestParam(required = false) String sort,
                                @RequestParam(required = false) Boolean desc, @RequestParam(defaultValue = "1") int page,
                                @RequestParam(defaultValue = "100") int pageSize) {
        check("risk", risk, EntityAlertsProvider.RISK_LEVELS);
        check("exposure", exposure, DeviceInventory.EXPOSURE_LEVELS);
        check("mitigation", mitigation, DeviceInventory.MITIGATIONS);
        check("seen", seen, List.of("new"));
        check("sort", sort, List.copyOf(DeviceInventory.SORTS.keySet()));
        if (critical != null && !critical.equals("any") && CriticalAssets.Level.parse(critical).isEmpty()) {
            throw new BadParameter("critical", "critical must be any, VERY_HIGH, HIGH, MEDIUM or LOW");
        }
        if (group != null && !group.matches("\\d{1,18}")) {
            throw new BadParameter("group", "group must be a device group id");
        }
        checkPage(page, pageSize);
        DeviceInventory.Page p = devices.list(new DeviceInventory.Query(q, os, risk, exposure, health, onboarding, group, tag, seen, critical, mitigation,
                sort, desc, page - 1), pageSize);
        return page(p.total(), page, pageSize, p.rows().stream().map(AssetsApiController::device).toList());
    }

    @GetMapping("/devices/{id}")
    ResponseEntity<Map<String, Object>> device(@PathVariable String id) {
        Optional<Devices.Overview> o = deviceData.overview(id);
        if (o.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        // The list's row carries risk, criticality and mitigation: find the device there by its id.
        DeviceInventory.Page p = devices.list(new DeviceInventory.Query(id, null, null, null, null, null, null, null, null, null, null, null, null, 0), 5);
        Map<String, Object> m = p.rows().stream().filter(r -> r.deviceId().equals(id)).findFirst().map(AssetsApiController::device)
                .orElseGet(LinkedHashMap::new);
        Devices.Overview d = o.get();
        m.put("id", d.deviceId());
        m.put("deviceName", d.name());
        m.put("osBuild", d.osBuild());
        m.put("model", d.model());
        m.put("vendor", d.vendor());
        m.put("joinType", d.joinType());
        m.put("publicIp", d.publicIp());
        m.put("ipAddresses", d.addresses().stream().map(Devices.Address::ip).toList());
        return ResponseEntity.ok(m);
    }

    @GetMapping("/identities")
    Map<String, Object> identities(@RequestParam(required = false) String q, @RequestParam(required = false) String department,
                                   @RequestParam(required = false) String risk, @RequestParam(required = false) String enabled,
                                   @RequestParam(required = false) String environment, @RequestParam(required = false) String alerts,
                                   @RequestParam(required = false) String sort, @RequestParam(required = false) Boolean desc,
                                   @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "100") int pageSize) {
        check("risk", risk, IdentityInventory.RISK_LEVELS);
        check("enabled", enabled, List.of("yes", "no"));
        check("alerts", alerts, List.of("active"));
        check("sort", sort, List.copyOf(IdentityInventory.SORTS.keySet()));
        checkPage(page, pageSize);
        IdentityInventory.Page p = identities.list(new IdentityInventory.Query(q, department, risk, enabled, environment, alerts, sort, desc, page - 1),
                pageSize);
        return page(p.total(), page, pageSize, p.rows().stream().map(AssetsApiController::identity).toList());
    }

    private static void check(String parameter, String value, List<String> allowed) {
        if (value != null && !value.isBlank() && !allowed.contains(value)) {
            throw new BadParameter(parameter, parameter + " must be one of " + String.join(", ", allowed));
        }
    }

    private static void checkPage(int page, int pageSize) {
        if (page < 1) {
            throw new BadParameter("page", "page must be 1 or more");
        }
        if (pageSize < 1 || pageSize > 500) {
            throw new BadParameter("pageSize", "pageSize must be between 1 and 500");
        }
    }

    private static Map<String, Object> page(long total, int page, int pageSize, List<Map<String, Object>> value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("page", page);
        m.put("pageSize", pageSize);
        m.put("value", value);
        return m;
    }

    private static Map<String, Object> device(DeviceInventory.InventoryRow d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.deviceId());
        m.put("deviceName", d.name());
        m.put("riskLevel", d.riskLevel());
        m.put("activeAlerts", d.activeAlerts());
        m.put("exposureLevel", d.exposureLevel());
        m.put("criticalityLevel", d.criticality());
        m.put("criticalitySource", d.criticalitySource());
        m.put("mitigationStatus", d.mitigation());
        m.put("osPlatform", d.osPlatform());
        m.put("osVersion", d.osVersion());
        m.put("deviceType", d.deviceType());
        m.put("sensorHealthState", d.sensorHealth());
        m.put("onboardingStatus", d.onboarding());
        m.put("deviceGroup", d.group());
        m.put("tags", d.tags());
        m.put("assetValue", d.assetValue());
        m.put("firstSeen", d.firstSeen() == null ? null : d.firstSeen().toString());
        m.put("lastSeen", d.lastSeen() == null ? null : d.lastSeen().toString());
        return m;
    }

    private static Map<String, Object> identity(IdentityInventory.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accountUpn", i.upn());
        m.put("accountName", i.accountName());
        m.put("displayName", i.displayName());
        m.put("department", i.department());
        m.put("jobTitle", i.jobTitle());
        m.put("identityRiskLevel", i.riskLevel());
        m.put("activeAlerts", i.alerts() == null ? null : i.alerts().count());
        m.put("highestAlertSeverity", i.alerts() == null ? null : i.alerts().highestSeverity());
        m.put("accountEnabled", i.enabled());
        m.put("environment", i.environment());
        m.put("lastSeen", i.lastSeen() == null ? null : i.lastSeen().toString());
        return m;
    }

    @ExceptionHandler(BadParameter.class)
    ResponseEntity<ProblemDetail> bad(BadParameter e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setProperty("parameter", e.parameter);
        return ResponseEntity.badRequest().body(p);
    }
}
