package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Query;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.parser.Parser;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Defender's built-in hunting functions, answered from our own event store. Each is written as KQL over
 * the hunting tables and compiled like the user's text, so it gets the same time window, the same row
 * scope (RBAC) and the same SQL as a hand-written query would.
 *
 * <ul>
 * <li>{@code invoke FileProfile([hashColumn], [maxRows])}: prevalence is counted in this estate, not worldwide:
 * {@code GlobalPrevalence} is the number of distinct devices that wrote, ran or loaded the file in the
 * window, {@code GlobalFirstSeen}/{@code GlobalLastSeen} the first and last such event. Signer fields come
 * from DeviceFileCertificateInfo; publisher and product from process version info; ThreatName from the latest
 * antivirus detection of the file (DeviceEvents {@code AntivirusDetection}, AdditionalFields.ThreatName); IsExecutable
 * from the file name's extension (a portable executable or driver), null when no name was seen. Every input row is
 * enriched (maxRows is accepted and ignored: a local lookup needs no quota).</li>
 * <li>{@code AssignedIPAddresses(device, [time])}, {@code DeviceFromIP(ip, [time])} and
 * {@code invoke DeviceFromIP([time])}: from the latest DeviceNetworkInfo report of each adapter up to time.</li>
 * <li>{@code invoke SeenBy()}: the store holds no device-discovery observations, so SeenBy is an empty array
 * and a warning says so.</li>
 * </ul>
 */
final class DefenderFunctions {
    static final Set<String> TABULAR = Set.of("AssignedIPAddresses", "DeviceFromIP");
    static final Set<String> INVOKABLE = Set.of("FileProfile", "DeviceFromIP", "SeenBy");

    private static final List<String> PROFILE_COLUMNS = List.of("SHA1", "SHA256", "MD5", "FileSize", "GlobalPrevalence",
            "GlobalFirstSeen", "GlobalLastSeen", "Signer", "Issuer", "SignerHash", "IsCertificateValid", "IsRootSignerMicrosoft",
            "SignatureState", "IsExecutable", "ThreatName", "Publisher", "SoftwareName", "ProfileAvailability");

    private final Analyzer a;

    DefenderFunctions(Analyzer a) {
        this.a = a;
    }

    Rel invoke(Rel in, Expr.Call call) {
        return switch (call.name()) {
            case "FileProfile" -> fileProfile(in, call);
            case "DeviceFromIP" -> deviceFromIpOver(in, call);
            default -> seenBy(in, call);
        };
    }

    Rel source(Expr.Call call) {
        if (call.name().equals("AssignedIPAddresses")) {
            return assignedIpAddresses(call);
        }
        if (call.args().isEmpty() || call.args().size() > 2) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, call.span(), "DeviceFromIP() takes an IP address and an optional time");
        }
        Rex ip = Types.string(a.exprs.analyze(call.args().get(0), Scope.EMPTY));
        Map<String, Object> vars = new HashMap<>();
        vars.put("__dfi_ip", ip);
        vars.put("__dfi_at", time(call, 1));
        return internal(call.span(), List.of("DeviceNetworkInfo"), vars, Map.of(), latestAddresses("__dfi_at")
                + "| where IPAddress == __dfi_ip | distinct IP = IPAddress, DeviceId");
    }

    // ---- FileProfile ---------------------------------------------------------------------------

    private Rel fileProfile(Rel in, Expr.Call call) {
        Scope sc = Operators.scope(in);
        String hash = "SHA1";
        Span at = call.span();
        if (!call.args().isEmpty()) {
            Expr arg = call.args().get(0);
            at = arg.span();
            if (arg instanceof Expr.Literal l && l.value() instanceof String s) {
                hash = s;
            } else if (arg instanceof Expr.Name n) {
                hash = n.name();
            } else {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, arg.span(), "FileProfile() takes the name of the hash column, such as SHA1 or InitiatingProcessSHA256");
            }
        }
        String column = hash;
        Field f = sc.find(column).orElseThrow(() -> ExprAnalyzer.unknownColumn(column, call.args().isEmpty() ? call.span() : call.args().get(0).span(), sc.names()));
        String upper = f.name().toUpperCase(Locale.ROOT);
        String kind = upper.endsWith("SHA256") ? "SHA256" : upper.endsWith("SHA1") ? "SHA1" : upper.endsWith("MD5") ? "MD5" : null;
        if (kind == null) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, at, "FileProfile() matches files by SHA1, SHA256 or MD5, but '" + f.name() + "' is none of them");
        }
        List<String> legs = new ArrayList<>();
        for (String t : List.of("DeviceFileEvents", "DeviceProcessEvents", "DeviceImageLoadEvents")) {
            if (a.options.schema().table(t).isPresent()) {
                legs.add(fileLeg(t, ""));
                if (t.equals("DeviceProcessEvents")) {
                    legs.add(fileLeg(t, "InitiatingProcess"));
                }
            }
        }
        if (legs.isEmpty()) {
            throw KqlException.at(ErrorCode.UNKNOWN_TABLE, call.span(),
                    "invoke FileProfile() needs DeviceFileEvents, DeviceProcessEvents or DeviceImageLoadEvents");
        }
        boolean certs = a.options.schema().table("DeviceFileCertificateInfo").isPresent();
        StringBuilder q = new StringBuilder();
        // Only hashes of the input are profiled: the semi-join keeps the scans of large tables cheap.
        q.append("let __fp_hashes = __fp_in | where isnotempty(").append(quote(f.name())).append(") | distinct __h = tostring(")
                .append(quote(f.name())).append(");\n");
        q.append("let __fp_seen = union ").append(String.join(", ", legs))
                .append("\n| where isnotempty(fp_").append(kind).append(") and fp_").append(kind).append(" in (__fp_hashes)")
                .append("\n| summarize fp_GlobalPrevalence = dcount(DeviceId), fp_GlobalFirstSeen = min(Timestamp), fp_GlobalLastSeen = max(Timestamp),")
                .append(" fp_SHA1 = max(fp_SHA1), fp_SHA256 = max(fp_SHA256), fp_MD5 = max(fp_MD5), fp_FileSize = toint(max(fp_FileSize)),")
                .append(" fp_Publisher = max(fp_Publisher), fp_SoftwareName = max(fp_SoftwareName), fp_FileName = max(fp_FileName) by fp_key = fp_")
                .append(kind).append(";\n");
        q.append("let __fp_profile = __fp_seen");
        if (certs) {
            q.append("\n| join kind=leftouter (DeviceFileCertificateInfo | where isnotempty(SHA1)")
                    .append(" | summarize arg_max(Timestamp, Signer, Issuer, SignerHash, IsSigned, IsTrusted, IsRootSignerMicrosoft) by fp_cert = SHA1)")
                    .append(" on $left.fp_SHA1 == $right.fp_cert")
                    .append("\n| extend fp_Signer = Signer, fp_Issuer = Issuer, fp_SignerHash = SignerHash, fp_IsCertificateValid = IsTrusted,")
                    .append(" fp_IsRootSignerMicrosoft = IsRootSignerMicrosoft,")
                    .append(" fp_SignatureState = case(isnull(IsSigned), \"Unknown\", IsSigned and IsTrusted, \"SignedValid\", IsSigned, \"SignedInvalid\", \"Unsigned\")");
        } else {
            q.append("\n| extend fp_Signer = \"\", fp_Issuer = \"\", fp_SignerHash = \"\", fp_IsCertificateValid = bool(null),")
                    .append(" fp_IsRootSignerMicrosoft = bool(null), fp_SignatureState = \"Unknown\"");
        }
        boolean detections = a.options.schema().table("DeviceEvents").isPresent();
        if (detections) {
            // Only detections of the profiled files: the semi-join keeps a large DeviceEvents scan cheap.
            q.append("\n| join kind=leftouter (DeviceEvents | where ActionType == \"AntivirusDetection\" and isnotempty(SHA1) and SHA1 in ((__fp_seen | project fp_SHA1))")
                    .append(" | extend fp_Threat = tostring(parse_json(AdditionalFields).ThreatName) | summarize arg_max(Timestamp, fp_Threat) by fp_detected = SHA1)")
                    .append(" on $left.fp_SHA1 == $right.fp_detected");
        }
        q.append("\n| extend fp_IsExecutable = iff(isempty(fp_FileName), bool(null), tolower(fp_FileName) matches regex @\"\\.(exe|dll|sys|scr|cpl|ocx|drv|efi|com)$\"),")
                .append(detections ? " fp_ThreatName = coalesce(fp_Threat, \"\")," : " fp_ThreatName = \"\",")
                .append(" fp_ProfileAvailability = \"Available\";\n");
        q.append("__fp_in | join kind=leftouter (__fp_profile) on $left.").append(quote(f.name())).append(" == $right.fp_key");
        q.append("\n| extend fp_ProfileAvailability = iff(isempty(fp_key), \"Missing\", fp_ProfileAvailability)");
        List<String> names = in.fields().stream().map(Field::name).toList();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(quote(n));
        }
        for (String c : PROFILE_COLUMNS) {
            if (!names.contains(c)) {
                out.add(c + " = fp_" + c);
            }
        }
        q.append("\n| project ").append(String.join(", ", out));
        return internal(call.span(), List.of(), Map.of(), Map.of("__fp_in", in), q.toString());
    }

    private String fileLeg(String table, String prefix) {
        Table t = a.options.schema().table(table).orElseThrow();
        String company = t.column(prefix.isEmpty() ? "ProcessVersionInfoCompanyName" : prefix + "VersionInfoCompanyName").isPresent()
                ? (prefix.isEmpty() ? "ProcessVersionInfoCompanyName" : prefix + "VersionInfoCompanyName") : "\"\"";
        String product = t.column(prefix.isEmpty() ? "ProcessVersionInfoProductName" : prefix + "VersionInfoProductName").isPresent()
                ? (prefix.isEmpty() ? "ProcessVersionInfoProductName" : prefix + "VersionInfoProductName") : "\"\"";
        return "(" + table + " | project Timestamp, DeviceId, fp_SHA1 = " + col(t, prefix + "SHA1", "\"\"")
                + ", fp_SHA256 = " + col(t, prefix + "SHA256", "\"\"") + ", fp_MD5 = " + col(t, prefix + "MD5", "\"\"")
                + ", fp_FileSize = tolong(" + col(t, prefix + "FileSize", "long(null)") + "), fp_Publisher = " + company
                + ", fp_SoftwareName = " + product + ", fp_FileName = " + col(t, prefix.isEmpty() ? "FileName" : prefix + "FileName", "\"\"") + ")";
    }

    private static String col(Table t, String name, String otherwise) {
        return t.column(name).isPresent() ? name : otherwise;
    }

    // ---- network -------------------------------------------------------------------------------

    /** The addresses of each adapter's latest DeviceNetworkInfo report up to the given time variable. */
    private static String latestAddresses(String atVar) {
        return "DeviceNetworkInfo | where Timestamp <= " + atVar
                + " | summarize arg_max(Timestamp, DeviceName, NetworkAdapterType, ConnectedNetworks, IPAddresses) by DeviceId, NetworkAdapterName"
                + " | mv-expand __ip = parse_json(IPAddresses)"
                + " | extend IPAddress = tostring(__ip.IPAddress), IPType = tostring(__ip.AddressType)"
                + " | where isnotempty(IPAddress)\n";
    }

    private Rel assignedIpAddresses(Expr.Call call) {
        if (call.args().isEmpty() || call.args().size() > 2) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, call.span(), "AssignedIPAddresses() takes a DeviceId or DeviceName and an optional time");
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("__aip_device", Types.string(a.exprs.analyze(call.args().get(0), Scope.EMPTY)));
        vars.put("__aip_at", time(call, 1));
        return internal(call.span(), List.of("DeviceNetworkInfo"), vars, Map.of(), latestAddresses("__aip_at")
                + "| where DeviceId == __aip_device or DeviceName =~ __aip_device"
                + " | project Timestamp, IPAddress, IPType, NetworkAdapterType, ConnectedNetworks");
    }

    private Rel deviceFromIpOver(Rel in, Expr.Call call) {
        if (call.args().size() > 1) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, call.span(), "invoke DeviceFromIP() takes an optional time; the input needs an IP column");
        }
        Scope sc = Operators.scope(in);
        Field ip = sc.find("IP").or(() -> sc.find("IPAddress")).orElseThrow(() -> KqlException.at(ErrorCode.UNKNOWN_COLUMN, call.span(),
                "invoke DeviceFromIP() needs an input column named IP"));
        Map<String, Object> vars = new HashMap<>();
        vars.put("__dfi_at", time(call, 0));
        return internal(call.span(), List.of("DeviceNetworkInfo"), vars, Map.of("__dfi_in", in), latestAddresses("__dfi_at")
                + "| where IPAddress in ((__dfi_in | project tostring(" + quote(ip.name()) + ")))"
                + " | distinct IP = IPAddress, DeviceId");
    }

    private Rel seenBy(Rel in, Expr.Call call) {
        a.warn(ErrorCode.UNSUPPORTED, call.span(), "invoke SeenBy(): the event store holds no device-discovery observations, so SeenBy is empty");
        List<Rel.NamedRex> cols = new ArrayList<>();
        in.fields().forEach(f -> cols.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        cols.add(new Rel.NamedRex("SeenBy", new Rex.Lit(List.of(), KqlType.DYNAMIC)));
        return new Rel.Project(in, cols);
    }

    private Rex time(Expr.Call call, int i) {
        if (call.args().size() <= i) {
            return new Rex.Lit(java.time.LocalDateTime.ofInstant(a.now(), java.time.ZoneOffset.UTC), KqlType.DATETIME);
        }
        Rex t = a.exprs.analyze(call.args().get(i), Scope.EMPTY);
        if (t.type() != KqlType.DATETIME) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, call.args().get(i).span(), call.name() + "() expects a datetime here but was given a " + t.type().kustoName());
        }
        return t;
    }

    private static String quote(String name) {
        return "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /**
     * Compiles generated KQL with some names bound: scalar values and row sets (each row set becomes a CTE).
     * The bindings are removed afterwards so they never leak into the user's names.
     */
    private Rel internal(Span span, List<String> needs, Map<String, Object> scalars, Map<String, Rel> inputs, String kql) {
        for (String t : needs) {
            if (a.options.schema().table(t).isEmpty()) {
                throw KqlException.at(ErrorCode.UNKNOWN_TABLE, span, "This function reads " + t + ", which this event store does not have");
            }
        }
        Map<String, Binding> saved = new java.util.LinkedHashMap<>(a.lets);
        try {
            scalars.forEach((n, v) -> a.lets.put(n, new Binding.Scalar((Rex) v)));
            inputs.forEach((n, r) -> {
                CteDef def = new CteDef(a.ctes.size(), n, r, false);
                a.ctes.add(def);
                a.lets.put(n, new Binding.Tabular(def));
            });
            Query q = Parser.parse(kql);
            a.bindLets(q.lets());
            return a.tabular(q.body());
        } catch (KqlException e) {
            throw new KqlException(KqlException.at(ErrorCode.INTERNAL, span, "The built-in function could not be compiled: "
                    + e.getMessage()).diagnostic(), e);
        } finally {
            a.lets.clear();
            a.lets.putAll(saved);
        }
    }
}
