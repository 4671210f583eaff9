package dev.rampart.kql.analyzer;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.RenderSpec;
import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.GraphOps;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.ast.Query;
import dev.rampart.kql.diagnostics.Diagnostic;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.diagnostics.Suggestions;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Plan;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves names and types against the schema and turns the AST into a logical plan. Every tabular
 * step's output columns are known here, so the renderer never guesses.
 */
public final class Analyzer {
    final CompileOptions options;
    final Map<String, Binding> lets = new LinkedHashMap<>();
    /** Lets declared with view(): search and find without a table list read them besides the schema's tables. */
    final Set<String> views = new LinkedHashSet<>();
    final List<CteDef> ctes = new ArrayList<>();
    final List<Diagnostic> warnings = new ArrayList<>();
    /** Bags whose columns bag_unpack took from the data: a later unknown name is likely a key no row has. */
    final List<String> bagsUnpackedFromData = new ArrayList<>();
    final ExprAnalyzer exprs;
    private final Operators operators;
    private RenderSpec render;
    private Expr statement;
    private RequestProperties properties = RequestProperties.NONE;
    int functionDepth;

    /** One result table: its name (from as, fork's name=, ...; a default otherwise) and the plan computing it. */
    public record Output(String name, Plan plan, Optional<RenderSpec> render) {
    }

    /**
     * The first result as {@code plan}/{@code render}, its name, and the results after it in the order the query
     * returns them ({@code additional}: empty for a query with one result).
     */
    public record Result(Plan plan, Optional<RenderSpec> render, List<Diagnostic> warnings, String name, List<Output> additional) {
        public Result(Plan plan, Optional<RenderSpec> render, List<Diagnostic> warnings) {
            this(plan, render, warnings, defaultName(0), List.of());
        }
    }

    /** An unnamed statement's result is Table_0, Table_1, ... by its position among the results, as Kusto's v1 responses name them. */
    static String defaultName(int index) {
        return "Table_" + index;
    }

    /** graph-to-table's tables after the first, for the statement being analyzed. */
    final List<Rel> moreGraphTables = new ArrayList<>();

    public Analyzer(CompileOptions options) {
        this.options = options;
        this.exprs = new ExprAnalyzer(this);
        this.operators = new Operators(this);
    }

    /** Whether {@code name} is one of Defender's built-in hunting functions (FileProfile, DeviceFromIP, ...). */
    public static boolean isDefenderFunction(String name) {
        return DefenderFunctions.TABULAR.contains(name) || DefenderFunctions.INVOKABLE.contains(name);
    }

    /** Stored functions the query and their bodies call, by name (see {@link dev.rampart.kql.FunctionCatalog}). */
    final Map<String, Expr.Lambda> storedFunctions = new LinkedHashMap<>();

    /** The stored functions being expanded, innermost first. */
    final java.util.Deque<UserFunctions.StoredCall> storedCalls = new java.util.ArrayDeque<>();
    /** Failures already reported as a stored function's: outer calls pass them on unchanged. */
    private final Set<KqlException> storedFailures = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Stored functions the text names whose own text does not parse: reported only if the query really uses them. */
    final Map<String, KqlException> brokenStored = new LinkedHashMap<>();

    /**
     * A failure inside stored functions, reported once at the query's outermost call (so the editor marks what the user
     * wrote) with the chain of functions it passed through; the failure's own position is in the innermost body.
     */
    KqlException storedFailure(KqlException e) {
        if (storedFailures.contains(e)) {
            return e;
        }
        KqlException w = StoredFunctions.wrap(chain(), "its body", e, storedCalls.peekLast().at());
        storedFailures.add(w);
        return w;
    }

    private String chain() {
        List<String> names = new ArrayList<>();
        storedCalls.descendingIterator().forEachRemaining(c -> names.add(c.name()));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); ) {
            int j = i;
            while (j < names.size() && names.get(j).equals(names.get(i))) {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : " → ").append(names.get(i)).append(j - i > 1 ? " ×" + (j - i) : "");
            i = j;
        }
        return sb.toString();
    }

    /** Warnings raised inside a stored body point at the query's call, naming the function. */
    void anchorStoredWarnings(int from) {
        if (storedCalls.size() != 1) {
            return; // the outermost call re-anchors them all
        }
        UserFunctions.StoredCall call = storedCalls.peekLast();
        for (int i = from; i < warnings.size(); i++) {
            Diagnostic w = warnings.get(i);
            warnings.set(i, new Diagnostic(w.code(), w.severity(), "In stored function '" + call.name() + "' (called at "
                    + call.at().where() + "): " + w.message(), call.at(), w.feature()));
        }
    }

    /** When {@code name} is a stored function whose text is broken, its error at {@code span}; else null. */
    KqlException brokenStored(String name, Span span) {
        KqlException e = brokenStored.get(name);
        return e == null ? null : StoredFunctions.broken(name, e, span);
    }

    /** The names a stored function's body sees besides the tables: the other stored functions, not the caller's lets. */
    Map<String, Binding> storedBindings() {
        Map<String, Binding> m = new LinkedHashMap<>();
        storedFunctions.forEach((k, v) -> m.put(k, new Binding.Function(v)));
        return m;
    }

    /** Analyzes {@code q}, parsed from {@code text}, with the stored functions the text names bound before its lets. */
    public Result analyze(Query q, String text) {
        Set<String> ownLets = new java.util.HashSet<>();
        q.lets().forEach(l -> ownLets.add(l.name()));
        StoredFunctions.Resolution r = StoredFunctions.resolve(text, options, ownLets);
        storedFunctions.putAll(r.functions());
        brokenStored.putAll(r.broken());
        lets.putAll(storedBindings());
        return analyze(q);
    }

    /** A stored function's body analyzed on its own, parameters bound to sample values of their types. */
    public record Described(dev.rampart.kql.FunctionShape shape, Plan plan) {
    }

    /**
     * Checks a stored function as its author wrote it: errors carry positions in its body or its parameters. Tabular parameters are refused, since a saved function is checked without a caller.
     */
    public Described describe(dev.rampart.kql.StoredFunction f) {
        Expr.Lambda fn = dev.rampart.kql.parser.Parser.parseFunction(f.parameters(), f.body());
        // The function's other callees as stored now; its own name is the new text, not the stored one.
        StoredFunctions.Resolution r = StoredFunctions.resolve(f.parameters() + "\n" + f.body(), options, Set.of(f.name()));
        storedFunctions.putAll(r.functions());
        brokenStored.putAll(r.broken());
        storedFunctions.put(f.name(), fn);
        lets.putAll(storedBindings());
        List<dev.rampart.kql.OutputColumn> params = new ArrayList<>();
        for (Expr.Param p : fn.params()) {
            if (p.type().equals("table")) {
                // Checked against an empty table of the declared columns; a table of any schema cannot be checked alone.
                if (p.tableSchema() == null || p.tableSchema().isBlank() || p.tableSchema().equals("*")) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "Parameter '" + p.name() + "' takes a table of any schema",
                            "Declare the columns the function reads, e.g. " + p.name() + ":(Timestamp:datetime, DeviceName:string).");
                }
                Expr sample = dev.rampart.kql.parser.Parser.parse("datatable(" + p.tableSchema() + ")[]").body();
                Rel rows = tabular(sample);
                CteDef def = new CteDef(ctes.size(), p.name(), rows, true);
                ctes.add(def);
                lets.put(p.name(), new Binding.Tabular(def));
                continue;
            }
            KqlType t = type(p.type(), p.span());
            Expr sample = p.defaultValue() != null ? p.defaultValue()
                    : ((Expr.Print) dev.rampart.kql.parser.Parser.parse("print " + sampleOf(t)).body()).columns().get(0).expr();
            lets.put(p.name(), new Binding.Scalar(Types.coerce(exprs.analyze(sample, Scope.EMPTY), t)));
            params.add(new dev.rampart.kql.OutputColumn(p.name(), t));
        }
        bindLets(fn.lets());
        if (isTabular(fn.body())) {
            Rel rel = tabular(fn.body());
            List<dev.rampart.kql.OutputColumn> cols = rel.fields().stream().map(x -> new dev.rampart.kql.OutputColumn(x.name(), x.type())).toList();
            return new Described(new dev.rampart.kql.FunctionShape(true, cols, null, params), new Plan(List.copyOf(ctes), rel));
        }
        Rex v = exprs.analyze(fn.body(), Scope.EMPTY);
        return new Described(new dev.rampart.kql.FunctionShape(false, List.of(), v.type(), params), null);
    }

    private static String sampleOf(KqlType t) {
        return switch (t) {
            case STRING -> "''";
            case BOOL -> "false";
            case INT -> "int(0)";
            case LONG -> "0";
            case REAL -> "0.0";
            case DECIMAL -> "decimal(0)";
            case DATETIME -> "datetime(2000-01-01)";
            case TIMESPAN -> "1d";
            case GUID -> "guid(00000000-0000-0000-0000-000000000000)";
            default -> "dynamic(null)";
        };
    }

    public Result analyze(Query q) {
        restriction = q.restriction();
        properties = RequestProperties.of(this, q.settings());
        QueryParameters.bind(this, q.parameters());
        bindLets(q.lets());
        List<Expr> statements = new ArrayList<>();
        statements.add(q.body());
        statements.addAll(q.otherResults());
        List<Output> outputs = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Expr st = statements.get(i);
            statement = st;
            if (st != q.body()) {
                // Only the first statement keeps a render met in the lets, which it then must end with.
                render = null;
            }
            moreGraphTables.clear();
            List<Results.Table> tables = new Results(this, operators).of(st, i < statements.size() - 1);
            if (render != null && !(st instanceof Expr.Pipe p && p.op() instanceof Operator.Render)) {
                throw KqlException.at(ErrorCode.SYNTAX_ERROR, st.span(), "'render' must be the last operator of the query");
            }
            for (Results.Table t : tables) {
                // Each result is a statement of its own, so it carries the shared row sets bound so far.
                outputs.add(new Output(t.name() == null ? defaultName(outputs.size()) : t.name(),
                        new Plan(List.copyOf(ctes), limited(t.rel())), Optional.ofNullable(render)));
            }
        }
        if (outputs.isEmpty()) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, q.span(), "The query returns no table: its statements only name tables",
                    "Add a statement that reads one of the names.");
        }
        Output first = outputs.get(0);
        return new Result(first.plan(), first.render(), List.copyOf(warnings), first.name(), List.copyOf(outputs.subList(1, outputs.size())));
    }

    private Rel limited(Rel root) {
        if (properties.takeMaxRecords().isPresent()) {
            root = new Rel.Limit(root, new Rex.Lit(properties.takeMaxRecords().getAsLong(), KqlType.LONG));
        }
        if (options.rowLimit() > 0) {
            root = new Rel.Limit(root, new Rex.Lit(options.rowLimit(), KqlType.LONG));
        }
        return root;
    }

    private dev.rampart.kql.ast.Restriction restriction;
    final Map<String, Integer> letOffsets = new java.util.HashMap<>();

    /**
     * Whether a reference written at {@code at} may read the table or tabular let {@code name} under the query's
     * restrict statement: references before the statement and lets defined after it are not restricted; a listed
     * pattern admits lets, a listed bare name also a table of that name, a listed database().Name a table.
     */
    boolean visible(String name, boolean let, Span at) {
        if (restriction == null || !storedCalls.isEmpty() || at.offset() < restriction.span().offset()) {
            // A stored function the restrict statement admits reads what it reads: restrict limits what the query names.
            return true;
        }
        if (let && letOffsets.getOrDefault(name, -1) > restriction.span().offset()) {
            return true;
        }
        for (String p : restriction.lets()) {
            if (let ? glob(p, name) : p.equals(name)) {
                return true;
            }
        }
        return !let && restriction.tables().stream().anyMatch(p -> glob(p, name));
    }

    private static boolean glob(String pattern, String name) {
        return name.matches(java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }

    KqlException notVisible(String name, Span at) {
        return KqlException.at(ErrorCode.UNKNOWN_TABLE, at, "'" + name + "' cannot be read here: the restrict statement at line "
                + restriction.span().line() + " does not list it", "Add it to 'restrict access to (...)'.");
    }

    void bindLets(List<Query.Let> list) {
        for (Query.Let let : list) {
            letOffsets.put(let.name(), let.span().offset());
            if (let.view()) {
                views.add(let.name());
            } else {
                views.remove(let.name());
            }
            if (let.value() instanceof Expr.Pattern pat) {
                lets.put(let.name(), new Binding.Pattern(pat));
            } else if (let.value() instanceof Expr.Lambda fn) {
                lets.put(let.name(), new Binding.Function(fn));
            } else if (Graphs.isGraph(let.value(), lets)) {
                lets.put(let.name(), new Binding.Graph(new Graphs(this).graph(let.value(), let.span())));
            } else if (isTabular(let.value())) {
                Rel rel = tabular(let.value());
                CteDef def;
                if (rel instanceof Rel.CteRef ref) {
                    def = ctes.get(ref.id()); // let x = materialize(...) or let x = y: no second CTE
                } else {
                    // DuckDB 1.5 returns null cells when it inlines a CTE of bound constant rows that is read twice
                    // under a LIMIT; such row sets are small, so computing them once costs nothing.
                    def = new CteDef(ctes.size(), let.name(), rel, readsNoTable(rel));
                    ctes.add(def);
                }
                lets.put(let.name(), new Binding.Tabular(def));
            } else {
                lets.put(let.name(), new Binding.Scalar(exprs.analyze(let.value(), Scope.EMPTY)));
            }
        }
    }

    /** Whether the rows come from literals only (datatable, print, range...), never from a hunting table. */
    private boolean readsNoTable(Object node) {
        if (node instanceof Rel.Scan) {
            return false;
        }
        if (node instanceof Rel.CteRef ref) {
            return readsNoTable(ctes.get(ref.id()).rel());
        }
        if (node instanceof List<?> list) {
            return list.stream().allMatch(this::readsNoTable);
        }
        if (node instanceof Rel && node.getClass().isRecord()) {
            for (java.lang.reflect.RecordComponent c : node.getClass().getRecordComponents()) {
                if (Rel.class.isAssignableFrom(c.getType()) || List.class.isAssignableFrom(c.getType())) {
                    try {
                        if (!readsNoTable(c.getAccessor().invoke(node))) {
                            return false;
                        }
                    } catch (ReflectiveOperationException e) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Whether a graph operator is the last step of the first result statement (not inside a let, join...). */
    boolean isResultStatement(GraphOps.Op op) {
        if (statement instanceof Expr.Pipe p && p.op() instanceof Operator.Graph g) {
            return g.op() == op || g.op() instanceof GraphOps.MakeGraph mg && mg.partitionColumn() != null
                    && !mg.partitioned().isEmpty() && mg.partitioned().get(mg.partitioned().size() - 1) == op;
        }
        return false;
    }

    /** The time now() and ago() measure from: the query's own query_now, else the compilation's. */
    Instant now() {
        return properties.now().orElse(options.now());
    }

    RequestProperties properties() {
        return properties;
    }

    void setRender(RenderSpec spec) {
        this.render = spec;
    }

    /** Whether an expression denotes rows rather than a value; KQL leaves this to name resolution. */
    boolean isTabular(Expr e) {
        if (e instanceof Expr.Pipe || e instanceof Expr.UnionSource || e instanceof Expr.DataTable
                || e instanceof Expr.ExternalData || e instanceof Expr.Print || e instanceof Expr.Range
                || e instanceof Expr.Search) {
            return true;
        }
        if (e instanceof Expr.Name n) {
            Binding b = lets.get(n.name());
            if (b instanceof Binding.Function f) {
                return UserFunctions.callableByName(f.lambda()) && isTabular(f.lambda().body());
            }
            if (b != null) {
                return b instanceof Binding.Tabular;
            }
            return table(n.name()).isPresent();
        }
        if (PatternCalls.call(this, e) != null) {
            return true;
        }
        if (e instanceof Expr.Call c) {
            if (lets.get(c.name()) instanceof Binding.Function f) {
                return isTabular(f.lambda().body());
            }
            return c.name().equals("materialize") || c.name().equals(TableFunction.NAME)
                    || DefenderFunctions.TABULAR.contains(c.name());
        }
        return false;
    }

    Rel tabular(Expr e) {
        if (e instanceof Expr.Pipe p && p.op() instanceof Operator.Graph g) {
            return new Graphs(this).table(p.source(), g);
        }
        if (e instanceof Expr.Pipe p && Graphs.isGraph(p.source(), lets)) {
            throw Graphs.notATable(p.op().span());
        }
        if (e instanceof Expr.Pipe p) {
            Rel in = tabular(p.source());
            return operators.apply(in, p.op());
        }
        if (e instanceof Expr.Name n) {
            return source(n);
        }
        if (PatternCalls.call(this, e) != null) {
            return new PatternCalls(this).tabular(e);
        }
        if (e instanceof Expr.UnionSource u) {
            return operators.union(null, u.union());
        }
        if (e instanceof Expr.DataTable d) {
            return dataTable(d);
        }
        if (e instanceof Expr.Call c && c.name().equals("materialize")) {
            if (c.args().size() != 1) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "materialize() takes one tabular argument");
            }
            Rel inner = tabular(c.args().get(0));
            CteDef def = new CteDef(ctes.size(), "materialize", inner, true);
            ctes.add(def);
            return new Rel.CteRef(def.id(), inner.fields());
        }
        if (e instanceof Expr.Call c && lets.get(c.name()) instanceof Binding.Function f) {
            if (!visible(c.name(), true, c.span())) {
                throw notVisible(c.name(), c.span());
            }
            return new UserFunctions(this).tabular(f.lambda(), c);
        }
        if (e instanceof Expr.Call c && c.name().equals(TableFunction.NAME)) {
            return TableFunction.source(this, c);
        }
        if (e instanceof Expr.Call c && DefenderFunctions.TABULAR.contains(c.name())) {
            if (!visible(c.name(), false, c.span())) {
                throw notVisible(c.name(), c.span());
            }
            return new DefenderFunctions(this).source(c);
        }
        if (e instanceof Expr.Range r) {
            return range(r);
        }
        if (e instanceof Expr.Search s) {
            return new Search(this, operators).source(s);
        }
        if (e instanceof Expr.Print pr) {
            // One row with no columns cannot be written in SQL, so a placeholder column is dropped by the projection.
            Rel one = new Rel.Values(List.of(List.of(new Rex.Lit(true, KqlType.BOOL))), List.of(new Field("__print", KqlType.BOOL)));
            List<Operator.Assignment> cols = new ArrayList<>();
            int unnamed = 0;
            for (Operator.Assignment as : pr.columns()) {
                boolean severalOutputs = as.expr() instanceof Expr.Call c && SeriesFunctions.isTupleValued(Functions.canonical(c.name()));
                if (severalOutputs && as.name() != null) {
                    // print keeps only the first output under the given name, unlike extend, which adds the rest too.
                    as = new Operator.Assignment(null, new Expr.Tuple(List.of(as.name()), as.expr(), as.span()), as.span());
                } else if (severalOutputs) {
                    cols.add(as); // its outputs name themselves (series_fit_line_s_rsquare, ...)
                    continue;
                }
                if (as.name() == null && !(as.expr() instanceof Expr.Tuple) && !SortedArrays.several(exprs, as.expr(), Scope.EMPTY)) {
                    as = new Operator.Assignment("print_" + unnamed++, as.expr(), as.span());
                }
                cols.add(as);
            }
            return operators.assign(one, cols, true);
        }
        if (e instanceof Expr.ExternalData x) {
            if (properties.externalDataDisabled()) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, x.span(),
                        "externaldata cannot be used: the query sets request_external_data_disabled");
            }
            // One CTE per read, so the constant rows appear once however often the query uses them.
            Rel rows = new ExternalData(this).rows(x);
            CteDef def = new CteDef(ctes.size(), "externaldata", rows, false);
            ctes.add(def);
            return new Rel.CteRef(def.id(), rows.fields());
        }
        if (e instanceof Expr.Call c) {
            KqlException broken = brokenStored(c.name(), c.span());
            if (broken != null) {
                throw broken;
            }
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.span(),
                    "Expected a table but found a call to " + c.name() + "()");
        }
        throw KqlException.at(ErrorCode.TYPE_MISMATCH, e.span(), "Expected a table but found a scalar expression");
    }

    Rel source(Expr.Name n) {
        Binding b = lets.get(n.name());
        boolean tabularLet = b instanceof Binding.Tabular || b instanceof Binding.Function;
        if ((tabularLet || b == null) && !visible(n.name(), tabularLet, n.span())) {
            throw notVisible(n.name(), n.span());
        }
        if (b instanceof Binding.Function f && UserFunctions.callableByName(f.lambda())) {
            // A function without arguments may be called by its bare name.
            return new UserFunctions(this).tabular(f.lambda(), new Expr.Call(n.name(), List.of(), n.span()));
        }
        if (b instanceof Binding.Tabular t) {
            return new Rel.CteRef(t.cte().id(), t.cte().rel().fields());
        }
        if (b instanceof Binding.Scalar) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, n.span(), "'" + n.name() + "' is a scalar value, not a table");
        }
        if (b instanceof Binding.Graph) {
            throw Graphs.notATable(n.span());
        }
        Optional<Table> t = table(n.name());
        if (t.isEmpty()) {
            throw unknownTable(n.name(), n.span());
        }
        if (!t.get().name().equals(n.name())) {
            warn(ErrorCode.UNKNOWN_TABLE, n.span(), "Table '" + n.name() + "' was read as '" + t.get().name()
                    + "'; KQL names are case-sensitive");
        }
        return scan(t.get());
    }

    /** The table by exact name, else the only one whose name differs just in letter case. */
    Optional<Table> table(String name) {
        Optional<Table> exact = options.schema().table(name);
        if (exact.isPresent()) {
            return exact;
        }
        List<Table> loose = options.schema().tables().stream().filter(t -> t.name().equalsIgnoreCase(name)).toList();
        return loose.size() == 1 ? Optional.of(loose.get(0)) : Optional.empty();
    }

    KqlException unknownTable(String name, Span span) {
        KqlException broken = brokenStored(name, span);
        if (broken != null) {
            return broken;
        }
        List<String> names = new ArrayList<>();
        options.schema().tables().forEach(t -> names.add(t.name()));
        lets.forEach((k, v) -> {
            if (v instanceof Binding.Tabular) {
                names.add(k);
            }
        });
        String hint = RetiredNames.tableHint(name).orElseGet(() -> Suggestions.didYouMean(name, names));
        return KqlException.at(ErrorCode.UNKNOWN_TABLE, span, "Unknown table '" + name + "'", hint);
    }

    Rel scan(Table t) {
        List<Field> fields = t.columns().stream().map(c -> new Field(c.name(), c.type())).toList();
        Optional<Rex> since = Optional.empty();
        if (options.defaultWindow() != null && !options.defaultWindow().isZero()
                && t.column("Timestamp").filter(c -> c.type() == KqlType.DATETIME).isPresent()) {
            // The window is the caller's bound on what a query may read, so a query's own query_now does not move it.
            LocalDateTime from = LocalDateTime.ofInstant(options.now().minus(options.defaultWindow()), ZoneOffset.UTC);
            since = Optional.of(new Rex.Lit(from, KqlType.DATETIME));
        }
        return new Rel.Scan(t, since, options.scope().apply(t), fields);
    }

    private Rel dataTable(Expr.DataTable d) {
        List<Field> fields = new ArrayList<>();
        for (Expr.ColumnDecl c : d.columns()) {
            fields.add(new Field(c.name(), type(c.type(), c.span())));
        }
        int n = fields.size();
        if (d.values().size() % n != 0) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, d.span(),
                    "datatable has " + d.values().size() + " values, which is not a multiple of its " + n + " columns");
        }
        List<List<Rex>> rows = new ArrayList<>();
        for (int i = 0; i < d.values().size(); i += n) {
            List<Rex> row = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                Expr v = d.values().get(i + j);
                Rex r = exprs.analyze(v, Scope.EMPTY);
                if (!(r instanceof Rex.Lit)) {
                    throw KqlException.at(ErrorCode.TYPE_MISMATCH, v.span(), "datatable values must be constants");
                }
                row.add(Types.coerce(r, fields.get(j).type()));
            }
            rows.add(row);
        }
        return new Rel.Values(rows, fields);
    }

    /** range: rows generated by the engine (DuckDB's generate_series includes both ends). */
    private Rel range(Expr.Range r) {
        Rex from = exprs.analyze(r.from(), Scope.EMPTY);
        Rex to = exprs.analyze(r.to(), Scope.EMPTY);
        Rex step = exprs.analyze(r.step(), Scope.EMPTY);
        KqlType t;
        if (from.type() == KqlType.DATETIME) {
            t = KqlType.DATETIME;
            to = Types.coerce(to, KqlType.DATETIME);
            step = Types.coerce(step, KqlType.TIMESPAN);
        } else if (from.type() == KqlType.LONG || from.type() == KqlType.INT) {
            t = KqlType.LONG;
            to = Types.coerce(to, KqlType.LONG);
            step = Types.coerce(step, KqlType.LONG);
        } else {
            throw KqlException.unsupported(r.span(), "op:range:" + from.type().kustoName(), "range over " + from.type().kustoName() + " values");
        }
        return new Rel.Series(r.name(), t, from, to, step);
    }

    static KqlType type(String name, Span span) {
        try {
            return KqlType.fromKusto(name);
        } catch (IllegalArgumentException e) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "Unknown type '" + name + "'",
                    Suggestions.didYouMean(name, List.of("string", "long", "int", "real", "bool", "datetime", "timespan", "guid", "dynamic")));
        }
    }

    void warn(ErrorCode code, Span span, String message) {
        warnings.add(Diagnostic.warning(code, span, message + " (" + span.where() + ")."));
    }
}
