package dev.rampart.portal.response.indicators;

import dev.rampart.portal.access.DeviceGroup;
import java.time.OffsetDateTime;
import java.util.List;

/** What Settings &gt; Indicators shows: a page of indicators, the filter, the create/edit form values and the last outcome. */
public record IndicatorsView(List<Indicator> items, long total, int page, int pageSize, String search, String type, boolean activeOnly,
                             OffsetDateTime now, boolean canManage, Indicator editing, String message, String error,
                             List<DeviceGroup> groups) {
    /** Device groups and device names the indicator is limited to, or "All devices". */
    public String scopeLabel(Indicator i) {
        if (i.deviceGroups().isEmpty() && i.scope().isEmpty()) {
            return "All devices";
        }
        List<String> parts = new java.util.ArrayList<>();
        for (Long id : i.deviceGroups()) {
            parts.add(groups.stream().filter(g -> g.id() == id).map(DeviceGroup::name).findFirst().orElse("deleted group #" + id));
        }
        if (!i.scope().isEmpty()) {
            parts.add("devices: " + String.join(", ", i.scope()));
        }
        return String.join("; ", parts);
    }

    public boolean editingHasGroup(long id) {
        return editing != null && editing.deviceGroups().contains(id);
    }

    public int pageCount() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public String link(int p) {
        return "/settings/indicators?page=" + p + (search.isEmpty() ? "" : "&search=" + java.net.URLEncoder.encode(search, java.nio.charset.StandardCharsets.UTF_8))
                + (type.isEmpty() ? "" : "&type=" + type) + (activeOnly ? "&active=true" : "");
    }

    public static List<IndicatorType> types() {
        return List.of(IndicatorType.values());
    }

    public static List<IndicatorAction> actions() {
        return List.of(IndicatorAction.values());
    }
}
