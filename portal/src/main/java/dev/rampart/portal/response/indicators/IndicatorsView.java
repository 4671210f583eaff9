package dev.rampart.portal.response.indicators;

import java.time.OffsetDateTime;
import java.util.List;

/** What Settings &gt; Indicators shows: a page of indicators, the filter, the create/edit form values and the last outcome. */
public record IndicatorsView(List<Indicator> items, long total, int page, int pageSize, String search, String type, boolean activeOnly,
                             OffsetDateTime now, boolean canManage, Indicator editing, String message, String error) {
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
