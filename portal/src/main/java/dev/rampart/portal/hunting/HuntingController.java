package dev.rampart.portal.hunting;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.ObjectMapper;

/** The advanced hunting page: editor and schema, results grid fragments, export, cancel. */
@Controller
class HuntingController implements NavigationContributor {
    private final HuntingService hunting;
    private final HuntingQueries queries;
    private final ResultCache cache;
    private final EventStore events;
    private final ObjectMapper json;
    private final QueryResources resources;
    private final HuntingFunctions functions;
    private final dev.rampart.portal.access.AccessPolicy access;
    private final HuntingFavorites favorites;

    HuntingController(HuntingService hunting, HuntingQueries queries, ResultCache cache, EventStore events, ObjectMapper json,
                      QueryResources resources, HuntingFunctions functions, dev.rampart.portal.access.AccessPolicy access,
                      HuntingFavorites favorites) {
        this.access = access;
        this.favorites = favorites;
        this.resources = resources;
        this.functions = functions;
        this.hunting = hunting;
        this.queries = queries;
        this.cache = cache;
        this.events = events;
        this.json = json;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.INVESTIGATION, 20, "Hunting", "/hunting", "hunting", Permission.SECURITY_DATA_READ));
    }

    /**
     * {@code q} pre-fills the editor: the "Go hunt" entry point of other pages; {@code run} loads the text of a recorded
     * run the user may see (the query resources report's "Open in query editor").
     */
    @GetMapping("/hunting")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String page(@RequestParam(required = false) String q, @RequestParam(required = false) Long run, Model model) {
        Map<String, Long> counts = events.rowCounts();
        model.addAttribute("schema", SchemaTree.of(hunting.visibleSchema(), counts));
        String text = run == null ? q : resources.query(run).orElseThrow(() -> new ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND, "No recorded run " + run + " that you may see."));
        model.addAttribute("query", text == null ? "" : text);
        model.addAttribute("canCreateRule", access.can(dev.rampart.portal.access.Permission.DETECTION_TUNING_MANAGE));
        model.addAttribute("favorites", favorites.of(org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication().getName()));
        return "hunting/page";
    }

    /** The schema tab's table list (reloaded when a table is starred). */
    @GetMapping("/hunting/schema")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String schemaList(Authentication auth, Model model, @org.springframework.web.bind.annotation.RequestHeader(value = "HX-Request", required = false) String htmx) {
        if (htmx == null) {
            return "redirect:/hunting"; // a panel of the hunting page, not a page of its own
        }
        model.addAttribute("schema", SchemaTree.of(hunting.visibleSchema(), events.rowCounts()));
        model.addAttribute("favorites", favorites.of(auth.getName()));
        return "hunting/schema-list";
    }

    /** Tables and columns the user may query, for editor autocomplete. */
    @GetMapping(value = "/hunting/schema.json", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> schemaJson(Authentication auth) {
        Map<String, Object> tables = new LinkedHashMap<>();
        hunting.visibleSchema().tables().forEach(t -> tables.put(t.name(),
                t.columns().stream().map(c -> List.of(c.name(), c.type().kustoName())).toList()));
        List<String> fns = functions.visibleTo(auth.getName()).stream().map(HuntingFunctions.SavedFunction::name).distinct().toList();
        Map<String, Object> operators = new LinkedHashMap<>();
        for (dev.rampart.kql.schema.KqlType t : dev.rampart.kql.schema.KqlType.values()) {
            operators.put(t.kustoName(), GuidedQuery.OPERATORS.get(GuidedQuery.kind(t)));
        }
        return Map.of("tables", tables, "functions", fns, "guidedOperators", operators);
    }

    /**
     * Guided mode: the builder's table, conditions, columns and row limit as KQL text, or 422 with the field that is
     * wrong ({@code table}, {@code condition N}, {@code show}). The text runs like any query, through {@code /hunting/run}.
     */
    @PostMapping(value = "/hunting/guided", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    org.springframework.http.ResponseEntity<Map<String, String>> guided(
            @RequestParam org.springframework.util.MultiValueMap<String, String> form) {
        // Read as a multi-value map: a single "col"/"val" bound to a List would be split at its commas by Spring.
        List<String> c = form.getOrDefault("col", List.of());
        List<String> ops = form.getOrDefault("op", List.of());
        List<String> vals = form.getOrDefault("val", List.of());
        List<String> show = form.getOrDefault("show", List.of());
        String table = form.getFirst("table");
        String match = form.getFirst("match");
        int limit;
        try {
            limit = Integer.parseInt(form.getOrDefault("limit", List.of("0")).get(0));
        } catch (NumberFormatException e) {
            return org.springframework.http.ResponseEntity.status(422).body(Map.of("field", "limit", "message", "The row limit is not a number."));
        }
        List<GuidedQuery.Condition> conditions = new java.util.ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            conditions.add(new GuidedQuery.Condition(c.get(i), i < ops.size() ? ops.get(i) : "", i < vals.size() ? vals.get(i) : ""));
        }
        try {
            String kql = new GuidedQuery(table, !"any".equals(match), conditions, show,
                    Math.max(0, Math.min(limit, hunting.maxRows()))).toKql(hunting.visibleSchema());
            return org.springframework.http.ResponseEntity.ok(Map.of("kql", kql));
        } catch (GuidedQuery.InvalidGuidedQueryException e) {
            return org.springframework.http.ResponseEntity.status(422).body(Map.of("field", e.field(), "message", e.getMessage()));
        }
    }

    /**
     * A table's reference in the side panel: description, columns with types and descriptions, the ActionType values
     * its rows hold (when few enough to list) and the gallery queries that read it. Only tables the user may query.
     */
    @GetMapping("/hunting/tables/{name}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String tableReference(@PathVariable String name, Model model) {
        var table = hunting.visibleSchema().table(name).orElseThrow(() -> new ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND, "No table " + name + " that you may query."));
        model.addAttribute("table", table);
        model.addAttribute("rows", events.rowCounts().getOrDefault(table.name(), 0L));
        Map<String, String> actionTypes = new LinkedHashMap<>(); // value → the KQL literal the editor inserts
        if (table.column("ActionType").isPresent()) {
            hunting.lowCardinalityValues(table.name(), "ActionType").forEach(v -> actionTypes.put(v, GoHunt.literal(v)));
        }
        model.addAttribute("actionTypes", actionTypes);
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(table.name()) + "\\b");
        model.addAttribute("examples", queries.gallery().stream().filter(q -> word.matcher(q.query()).find()).toList());
        return "hunting/table-reference";
    }

    /** Most frequent values of a column (for autocomplete inside string literals); empty when the column has many. */
    @GetMapping(value = "/hunting/values.json", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    List<String> values(@RequestParam String table, @RequestParam String column) {
        return hunting.lowCardinalityValues(table, column);
    }

    /** The "Queries" side panel: history, saved queries by folder (own and shared), the gallery. */
    @GetMapping("/hunting/queries")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String queries(Authentication auth, Model model, @org.springframework.web.bind.annotation.RequestHeader(value = "HX-Request", required = false) String htmx) {
        if (htmx == null) {
            return "redirect:/hunting";
        }
        model.addAttribute("history", queries.history(auth.getName()));
        model.addAttribute("saved", HuntingQueries.byFolder(queries.visibleTo(auth.getName()), HuntingQueries.SavedQuery::folder));
        model.addAttribute("gallery", HuntingQueries.byFolder(queries.gallery(), HuntingQueries.GalleryQuery::folder));
        model.addAttribute("username", auth.getName());
        model.addAttribute("favorites", favorites.of(auth.getName()));
        return "hunting/queries";
    }

    @PostMapping("/hunting/queries")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String saveQuery(@RequestParam(defaultValue = "0") long id, @RequestParam(required = false) String name,
                     @RequestParam(required = false) String folder, @RequestParam(required = false) String description,
                     @RequestParam(required = false) String query, @RequestParam(defaultValue = "false") boolean shared,
                     Authentication auth, Model model, HttpServletResponse res) {
        try {
            queries.save(auth.getName(), id, name, folder, description, query, shared);
        } catch (HuntingQueries.InvalidQueryException e) {
            res.setStatus(422);
            model.addAttribute("field", e.field());
            model.addAttribute("message", e.getMessage());
            return "hunting/save-error";
        }
        res.setHeader("HX-Trigger", "queries-changed");
        model.addAttribute("message", "Saved “" + name.trim() + "”" + (shared ? ", shared with the team." : "."));
        return "hunting/save-ok";
    }

    /** Stars or unstars a saved query, gallery query or function; the tab holding it reloads. */
    @PostMapping("/hunting/favorites")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    org.springframework.http.ResponseEntity<String> favorite(@RequestParam String kind, @RequestParam String ref, Authentication auth) {
        try {
            favorites.toggle(auth.getName(), kind, ref);
        } catch (IllegalArgumentException e) {
            return org.springframework.http.ResponseEntity.unprocessableEntity().body(e.getMessage());
        }
        return org.springframework.http.ResponseEntity.noContent()
                .header("HX-Trigger", switch (kind.toLowerCase(java.util.Locale.ROOT)) {
                    case "function" -> "functions-changed";
                    case "table" -> "schema-changed";
                    default -> "queries-changed";
                }).build();
    }

    @PostMapping("/hunting/queries/{id}/delete")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String deleteQuery(@PathVariable long id, Authentication auth, Model model) {
        queries.delete(auth.getName(), id);
        return queries(auth, model, "true");
    }

    @PostMapping("/hunting/run")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String run(@RequestParam String query, @RequestParam(required = false) String timespan,
               @RequestParam(required = false) String runId, Authentication auth, Model model) {
        String owner = auth.getName();
        CancelHandle cancel = runId == null ? null : cache.register(owner, runId);
        try {
            HuntingResult r = hunting.run(query, timespan == null || timespan.isBlank() ? null : timespan, cancel, "portal");
            cache.put(owner, r);
            r.additional().forEach(more -> cache.put(owner, more));
            return grid(model, r, 0, 50, null, false, List.of(), null);
        } catch (HuntingException e) {
            model.addAttribute("error", e);
            return "hunting/error";
        } finally {
            if (runId != null) {
                cache.finished(owner, runId);
            }
        }
    }

    @PostMapping("/hunting/cancel/{runId}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String cancel(@PathVariable String runId, Authentication auth, Model model) {
        model.addAttribute("cancelled", cache.cancel(auth.getName(), runId));
        return "hunting/cancelled";
    }

    @GetMapping("/hunting/results/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String results(@PathVariable String id, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                   @RequestParam(required = false) String sort, @RequestParam(defaultValue = "false") boolean desc,
                   @RequestParam(required = false) String fcol, @RequestParam(required = false) String fval,
                   @RequestParam(required = false) String chart,
                   @RequestParam(required = false) String fc, @RequestParam(required = false) String fo, @RequestParam(required = false) String fv,
                   jakarta.servlet.http.HttpServletRequest request, Authentication auth, Model model) {
        // Read raw: a single List-bound parameter would be split at its commas (a command line, a JSON value).
        List<ResultFilter> filters = new java.util.ArrayList<>(ResultFilter.of(values(request, "f"), fcol, fval));
        // The grid's "Filter" form adds one more.
        if (fc != null && fv != null && fo != null && ResultFilter.OPS.contains(fo)) {
            filters.add(new ResultFilter(fo, fc, fv));
        }
        return grid(model, result(auth, id), page, size, sort, desc, filters, chart);
    }

    /** The row detail pane: every column of one row (in the grid's current order), dynamic values as formatted JSON. */
    @GetMapping("/hunting/results/{id}/row")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String row(@PathVariable String id, @RequestParam int n, @RequestParam(required = false) String sort,
               @RequestParam(defaultValue = "false") boolean desc, @RequestParam(required = false) String fcol,
               @RequestParam(required = false) String fval, jakarta.servlet.http.HttpServletRequest request,
               Authentication auth, Model model) {
        HuntingResult r = result(auth, id);
        List<Object[]> rows = ResultView.ordered(r, sort, desc, ResultFilter.of(values(request, "f"), fcol, fval), json);
        if (n < 0 || n >= rows.size()) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "No row " + n + " in this result.");
        }
        Object[] row = rows.get(n);
        List<RowField> fields = new java.util.ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            var c = r.columns().get(i);
            Object v = row[i];
            String text = v instanceof Map || v instanceof List ? json.writerWithDefaultPrettyPrinter().writeValueAsString(v)
                    : ResultView.text(v, json);
            String hunt = v == null || text.isEmpty() ? null
                    : GoHunt.entityOf(c.name()).map(e -> GoHunt.link(e, c.name(), text)).orElse(null);
            fields.add(new RowField(c.name(), c.type().kustoName(), text, v instanceof Map || v instanceof List, hunt));
        }
        model.addAttribute("fields", fields);
        model.addAttribute("index", n);
        return "hunting/row";
    }

    @GetMapping("/hunting/results/{id}/export.csv")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    void exportCsv(@PathVariable String id, Authentication auth, HttpServletResponse res) throws IOException {
        HuntingResult r = result(auth, id);
        res.setContentType("text/csv; charset=utf-8");
        res.setHeader("Content-Disposition", "attachment; filename=\"hunting-results.csv\"");
        res.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter w = res.getWriter();
        w.println(String.join(",", r.columns().stream().map(c -> csv(c.name())).toList()));
        for (Object[] row : r.rows()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                sb.append(i == 0 ? "" : ",").append(csv(ResultView.text(row[i], json)));
            }
            w.println(sb);
        }
    }

    @GetMapping("/hunting/results/{id}/export.xlsx")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    void exportXlsx(@PathVariable String id, Authentication auth, HttpServletResponse res) throws IOException {
        HuntingResult r = result(auth, id);
        res.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        res.setHeader("Content-Disposition", "attachment; filename=\"hunting-results.xlsx\"");
        ResultWorkbook.write(r, json, res.getOutputStream());
    }

    @GetMapping("/hunting/results/{id}/export.json")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    void exportJson(@PathVariable String id, Authentication auth, HttpServletResponse res) throws IOException {
        HuntingResult r = result(auth, id);
        res.setContentType("application/json");
        res.setHeader("Content-Disposition", "attachment; filename=\"hunting-results.json\"");
        List<Map<String, Object>> rows = r.rows().stream().map(row -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.length; i++) {
                m.put(r.columns().get(i).name(), GraphTypes.jsonValue(row[i]));
            }
            return m;
        }).toList();
        json.writeValue(res.getOutputStream(), rows);
    }

    private HuntingResult result(Authentication auth, String id) {
        return cache.get(auth.getName(), id).orElseThrow(() -> new ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND, "This result is no longer kept; run the query again."));
    }

    /** {@code chartKind}: the chart picked in the grid ("table" = none); null falls back to the query's {@code render}. */
    private String grid(Model model, HuntingResult r, int page, int size, String sort, boolean desc, List<ResultFilter> filters,
                        String chartKind) {
        ResultView view = ResultView.of(r, page, size, sort, desc, filters, json);
        model.addAttribute("view", view);
        String kind = chartKind != null ? chartKind : r.render().map(dev.rampart.kql.RenderSpec::kind).orElse("table");
        String chart = ChartData.build(r, kind).map(json::writeValueAsString).orElse(null);
        model.addAttribute("chart", chart);
        model.addAttribute("chartKind", ChartData.KINDS.contains(kind) ? kind : "table");
        model.addAttribute("canLink", access.can(Permission.ALERTS_MANAGE));
        model.addAttribute("canAct", access.can(Permission.ALERTS_MANAGE) || access.can(Permission.RESPONSE_MANAGE));
        return "hunting/results";
    }

    private static List<String> values(jakarta.servlet.http.HttpServletRequest request, String name) {
        String[] v = request.getParameterValues(name);
        return v == null ? List.of() : List.of(v);
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
