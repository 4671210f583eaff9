package dev.rampart.portal.detection;

import dev.rampart.portal.access.DeviceGroup;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Severity;
import dev.rampart.portal.response.ActionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Custom detection rules in the shape of Graph's {@code detectionRule}: reading a stored rule out, and reading a
 * request body (whole for a create, partial for a change) into a draft and response settings. Errors name the JSON
 * path of the offending value.
 */
final class DetectionRuleJson {
    private static final String TYPE_PREFIX = "#microsoft.graph.security.";

    /** Graph response action names and the automated action each stands for (allow/block file are one indicator action). */
    static final Map<String, RuleResponse.Action> ACTIONS = actions();

    private DetectionRuleJson() {
    }

    /** A request value that cannot become a rule; {@code path} is where in the body it is. */
    static final class InvalidJsonException extends RuntimeException {
        final String path;

        InvalidJsonException(String path, String message) {
            super(message);
            this.path = path;
        }
    }

    static Map<String, Object> write(DetectionRule r, DetectionRules.Run lastRun, List<DeviceGroup> groups) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(r.id()));
        m.put("displayName", r.name());
        m.put("isEnabled", r.enabled());
        m.put("createdBy", r.createdBy());
        m.put("createdDateTime", iso(r.createdAt()));
        m.put("lastModifiedBy", r.updatedBy());
        m.put("lastModifiedDateTime", iso(r.updatedAt()));
        m.put("queryCondition", Map.of("queryText", DeceptionRules.shownQuery(r)));
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("period", r.frequency().period());
        schedule.put("nextRunDateTime", iso(r.nextRunAt()));
        m.put("schedule", schedule);
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("lastRunDateTime", iso(r.lastRunAt()));
        last.put("status", r.lastRunStatus());
        last.put("failureReason", lastRun == null || "completed".equals(lastRun.status()) ? null : lastRun.message());
        last.put("errorCode", lastRun == null ? null : lastRun.errorCode());
        m.put("lastRunDetails", last);
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("title", r.title());
        template.put("description", r.description());
        template.put("severity", r.severity().graph());
        template.put("category", r.category().graph());
        template.put("recommendedActions", r.recommendedActions());
        template.put("mitreTechniques", r.mitreTechniques());
        List<Map<String, Object>> assets = new ArrayList<>();
        r.entities().columns().forEach((type, cols) -> {
            String kind = switch (type) {
                case DEVICE -> "impactedDeviceAsset";
                case USER -> "impactedUserAsset";
                case MAILBOX -> "impactedMailboxAsset";
                default -> null;
            };
            if (kind != null) {
                cols.forEach(c -> assets.add(Map.of("@odata.type", TYPE_PREFIX + kind, "identifier", camel(c))));
            }
        });
        template.put("impactedAssets", assets);
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("alertTemplate", template);
        if (r.response().deviceGroups().isEmpty()) {
            action.put("organizationalScope", null);
        } else {
            List<String> names = new ArrayList<>();
            for (long id : r.response().deviceGroups()) {
                names.add(groups.stream().filter(g -> g.id() == id).map(DeviceGroup::name).findFirst().orElse("(a device group outside your scope)"));
            }
            action.put("organizationalScope", Map.of("scopeType", "deviceGroup", "scopeNames", names));
        }
        List<Map<String, Object>> responses = new ArrayList<>();
        for (RuleResponse.Action a : r.response().actions()) {
            String name = ACTIONS.entrySet().stream().filter(e -> e.getValue().type() == a.type()
                            && (a.type() != ActionType.ADD_FILE_INDICATOR || e.getValue().option().equals(a.option())))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("@odata.type", TYPE_PREFIX + name + "ResponseAction");
            if (a.type() == ActionType.RUN_ANTIVIRUS_SCAN) {
                one.put("scanType", a.option());
            }
            responses.add(one);
        }
        action.put("responseActions", responses);
        m.put("detectionAction", action);
        m.put("builtIn", r.builtIn());
        return m;
    }

    /** A full rule from a create request; missing required fields are reported by the rule's own validation. */
    static RuleDraft draft(JsonNode body, DetectionRule base) {
        JsonNode template = body.path("detectionAction").path("alertTemplate");
        String name = text(body, "displayName", base == null ? null : base.name());
        String query = text(body.path("queryCondition"), "queryText", base == null ? null : base.query());
        Frequency frequency = base == null ? null : base.frequency();
        if (body.path("schedule").has("period")) {
            String p = body.path("schedule").path("period").asString();
            try {
                frequency = Frequency.parse(p);
            } catch (IllegalArgumentException e) {
                throw new InvalidJsonException("schedule.period", "'" + p + "' is not a period; use 0 (continuous), 1H, 3H, 12H or 24H");
            }
        } else if (frequency == null) {
            frequency = Frequency.HOUR_24;
        }
        Severity severity = base == null ? Severity.MEDIUM : base.severity();
        if (template.has("severity")) {
            try {
                severity = Severity.parse(template.path("severity").asString());
            } catch (RuntimeException e) {
                throw new InvalidJsonException("detectionAction.alertTemplate.severity", e.getMessage());
            }
        }
        Category category = base == null ? null : base.category();
        if (template.has("category")) {
            try {
                category = Category.parse(template.path("category").asString());
            } catch (RuntimeException e) {
                throw new InvalidJsonException("detectionAction.alertTemplate.category", e.getMessage());
            }
        }
        if (category == null) {
            throw new InvalidJsonException("detectionAction.alertTemplate.category", "is required");
        }
        List<String> mitre = base == null ? List.of() : base.mitreTechniques();
        if (template.has("mitreTechniques")) {
            mitre = new ArrayList<>();
            for (JsonNode t : template.path("mitreTechniques")) {
                mitre.add(t.asString().strip());
            }
        }
        EntityMapping entities = base == null ? EntityMapping.automatic() : base.entities();
        if (template.has("impactedAssets")) {
            entities = assets(template.path("impactedAssets"), entities);
        }
        boolean enabled = body.has("isEnabled") ? body.path("isEnabled").asBoolean() : base == null || base.enabled();
        return new RuleDraft(name, query, frequency, text(template, "title", base == null ? null : base.title()),
                text(template, "description", base == null ? "" : base.description()), severity, category, mitre,
                text(template, "recommendedActions", base == null ? "" : base.recommendedActions()), entities, enabled);
    }

    /** The response settings of a request, {@code base}'s where the request leaves them out. */
    static RuleResponse response(JsonNode body, RuleResponse base, List<DeviceGroup> groups) {
        JsonNode action = body.path("detectionAction");
        List<RuleResponse.Action> actions = base.actions();
        if (action.has("responseActions")) {
            List<String> parts = new ArrayList<>();
            int i = 0;
            for (JsonNode a : action.path("responseActions")) {
                String type = a.path("@odata.type").asString("");
                String name = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
                name = name.endsWith("ResponseAction") ? name.substring(0, name.length() - "ResponseAction".length()) : name;
                RuleResponse.Action known = ACTIONS.get(name);
                if (known == null) {
                    throw new InvalidJsonException("detectionAction.responseActions[" + i + "]", "'" + type + "' is not a response action Rampart"
                            + " takes automatically; use one of " + String.join(", ", ACTIONS.keySet()));
                }
                String option = known.type() == ActionType.RUN_ANTIVIRUS_SCAN ? a.path("scanType").asString("quick") : known.option();
                String entry = known.type().name() + (option == null ? "" : ":" + option);
                if (parts.stream().anyMatch(x -> x.split(":")[0].equals(known.type().name()))) {
                    throw new InvalidJsonException("detectionAction.responseActions[" + i + "]", "'" + type + "' repeats an action already listed"
                            + (known.type() == ActionType.ADD_FILE_INDICATOR ? " (allowFile and blockFile exclude each other)" : ""));
                }
                parts.add(entry);
                i++;
            }
            actions = RuleResponse.parse(String.join(",", parts), "").actions();
        }
        java.util.Set<Long> ids = base.deviceGroups();
        if (action.has("organizationalScope")) {
            JsonNode scope = action.path("organizationalScope");
            ids = new java.util.TreeSet<>();
            if (!scope.isNull() && !scope.isMissingNode()) {
                int i = 0;
                for (JsonNode n : scope.path("scopeNames")) {
                    String wanted = n.asString();
                    DeviceGroup g = groups.stream().filter(x -> x.name().equalsIgnoreCase(wanted)).findFirst()
                            .orElseThrow(() -> new InvalidJsonException("detectionAction.organizationalScope.scopeNames", "there is no device group '" + wanted + "'"));
                    ids.add(g.id());
                    i++;
                }
                if (i == 0) {
                    throw new InvalidJsonException("detectionAction.organizationalScope.scopeNames", "name at least one device group, or send null for all devices");
                }
            }
        }
        return new RuleResponse(actions, ids);
    }

    private static EntityMapping assets(JsonNode list, EntityMapping base) {
        Map<EntityType, List<String>> cols = new EnumMap<>(EntityType.class);
        base.columns().forEach((t, c) -> {
            if (t != EntityType.DEVICE && t != EntityType.USER && t != EntityType.MAILBOX) {
                cols.put(t, c);
            }
        });
        int i = 0;
        for (JsonNode a : list) {
            String type = a.path("@odata.type").asString("");
            String kind = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
            EntityType t = switch (kind) {
                case "impactedDeviceAsset" -> EntityType.DEVICE;
                case "impactedUserAsset" -> EntityType.USER;
                case "impactedMailboxAsset" -> EntityType.MAILBOX;
                default -> throw new InvalidJsonException("detectionAction.alertTemplate.impactedAssets[" + i + "]",
                        "'" + type + "' is not impactedDeviceAsset, impactedUserAsset or impactedMailboxAsset");
            };
            String id = a.path("identifier").asString("");
            if (id.isBlank()) {
                throw new InvalidJsonException("detectionAction.alertTemplate.impactedAssets[" + i + "].identifier", "is required (a result column, e.g. deviceId)");
            }
            cols.computeIfAbsent(t, k -> new ArrayList<>()).add(Character.toUpperCase(id.charAt(0)) + id.substring(1));
            i++;
        }
        return new EntityMapping(cols);
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node.has(field) && !node.path(field).isNull() ? node.path(field).asString() : fallback;
    }

    private static String camel(String column) {
        return column.isEmpty() ? column : Character.toLowerCase(column.charAt(0)) + column.substring(1);
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Map<String, RuleResponse.Action> actions() {
        Map<String, RuleResponse.Action> m = new LinkedHashMap<>();
        m.put("isolateDevice", new RuleResponse.Action(ActionType.ISOLATE_DEVICE, null));
        m.put("collectInvestigationPackage", new RuleResponse.Action(ActionType.COLLECT_INVESTIGATION_PACKAGE, null));
        m.put("runAntivirusScan", new RuleResponse.Action(ActionType.RUN_ANTIVIRUS_SCAN, "quick"));
        m.put("initiateInvestigation", new RuleResponse.Action(ActionType.INITIATE_AUTOMATED_INVESTIGATION, null));
        m.put("restrictAppExecution", new RuleResponse.Action(ActionType.RESTRICT_APP_EXECUTION, null));
        m.put("stopAndQuarantineFile", new RuleResponse.Action(ActionType.STOP_AND_QUARANTINE_FILE, null));
        m.put("allowFile", new RuleResponse.Action(ActionType.ADD_FILE_INDICATOR, "Allowed"));
        m.put("blockFile", new RuleResponse.Action(ActionType.ADD_FILE_INDICATOR, "BlockAndRemediate"));
        m.put("disableUser", new RuleResponse.Action(ActionType.DISABLE_USER, null));
        m.put("forceUserPasswordReset", new RuleResponse.Action(ActionType.FORCE_PASSWORD_RESET, null));
        m.put("markUserAsCompromised", new RuleResponse.Action(ActionType.MARK_USER_COMPROMISED, null));
        m.put("containUser", new RuleResponse.Action(ActionType.CONTAIN_USER, null));
        m.put("moveToJunk", new RuleResponse.Action(ActionType.MOVE_EMAIL_TO_JUNK, null));
        m.put("moveToInbox", new RuleResponse.Action(ActionType.MOVE_EMAIL_TO_INBOX, null));
        m.put("moveToDeletedItems", new RuleResponse.Action(ActionType.MOVE_EMAIL_TO_DELETED_ITEMS, null));
        m.put("softDelete", new RuleResponse.Action(ActionType.SOFT_DELETE_EMAIL, null));
        m.put("hardDelete", new RuleResponse.Action(ActionType.HARD_DELETE_EMAIL, null));
        return java.util.Collections.unmodifiableMap(m);
    }
}
