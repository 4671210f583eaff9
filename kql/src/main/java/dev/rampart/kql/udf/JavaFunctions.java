package dev.rampart.kql.udf;

import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBReadableVector;
import org.duckdb.DuckDBWritableVector;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of {@link JavaFunction}s. The analyzer types them from their signatures, the DuckDB
 * renderer calls them by {@link JavaFunction#sqlName()}, and {@link #register} installs them in a
 * database once, before any compiled query runs there.
 */
public final class JavaFunctions {
    /** Highest argument count registered for a function whose last argument repeats. */
    static final int MAX_REPEATED = 16;

    private static final Map<String, JavaFunction> ALL = load();

    private JavaFunctions() {
    }

    private static Map<String, JavaFunction> load() {
        Map<String, JavaFunction> m = new LinkedHashMap<>();
        List<JavaFunction> list = new ArrayList<>();
        for (Family f : Families.ALL) {
            f.define(list::add);
        }
        for (JavaFunction f : list) {
            if (m.put(f.kqlName(), f) != null) {
                throw new IllegalStateException("Java function defined twice: " + f.kqlName());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    public static Collection<JavaFunction> all() {
        return ALL.values();
    }

    public static Optional<JavaFunction> find(String kqlName) {
        return Optional.ofNullable(ALL.get(kqlName));
    }

    /** The SQL type an argument letter is cast to before the call. */
    public static String sqlType(char letter) {
        return switch (letter) {
            case 's', 'y', 'g' -> "VARCHAR";
            case 'l', 'i' -> "BIGINT";
            case 'r' -> "DOUBLE";
            case 'b' -> "BOOLEAN";
            default -> throw new IllegalArgumentException("Java functions do not take '" + letter + "' arguments");
        };
    }

    private static DuckDBColumnType columnType(char letter) {
        return switch (letter) {
            case 's', 'y', 'g' -> DuckDBColumnType.VARCHAR;
            case 'l', 'i' -> DuckDBColumnType.BIGINT;
            case 'r' -> DuckDBColumnType.DOUBLE;
            case 'b' -> DuckDBColumnType.BOOLEAN;
            default -> throw new IllegalArgumentException("Java functions do not take '" + letter + "' arguments");
        };
    }

    /**
     * Installs every function in the database behind {@code c} (all connections of that database see
     * them). One overload per possible argument count.
     */
    public static void register(Connection c) throws SQLException {
        for (JavaFunction f : ALL.values()) {
            String[] specs = f.argumentSpecs();
            List<Character> letters = new ArrayList<>();
            int required = 0;
            boolean repeat = false;
            for (String s : specs) {
                letters.add(s.charAt(0));
                repeat |= s.endsWith("*");
                if (!s.endsWith("?")) {
                    required++;
                }
            }
            int max = repeat ? MAX_REPEATED : letters.size();
            for (int n = Math.max(required, repeat ? 1 : 0); n <= max; n++) {
                DuckDBColumnType[] types = new DuckDBColumnType[n];
                char[] argLetters = new char[n];
                for (int i = 0; i < n; i++) {
                    argLetters[i] = letters.get(Math.min(i, letters.size() - 1));
                    types[i] = columnType(argLetters[i]);
                }
                var b = DuckDBFunctions.scalarFunction().withName(f.sqlName());
                if (n > 0) {
                    b.withParameters(types);
                }
                b.withReturnType(columnType(f.resultLetter()))
                        .withVectorizedFunction((in, out) -> apply(f, argLetters, in, out))
                        .register(c);
            }
        }
    }

    private static void apply(JavaFunction f, char[] letters, DuckDBDataChunkReader in, DuckDBWritableVector out) throws Exception {
        long rows = in.rowCount();
        DuckDBReadableVector[] v = new DuckDBReadableVector[letters.length];
        for (int i = 0; i < letters.length; i++) {
            v[i] = in.vector(i);
        }
        char result = f.resultLetter();
        for (long r = 0; r < rows; r++) {
            Object[] args = new Object[letters.length];
            for (int i = 0; i < letters.length; i++) {
                args[i] = v[i].isNull(r) ? null : switch (letters[i]) {
                    case 's', 'y', 'g' -> v[i].getString(r);
                    case 'l', 'i' -> v[i].getLong(r);
                    case 'r' -> v[i].getDouble(r);
                    case 'b' -> v[i].getBoolean(r);
                    default -> throw new IllegalStateException();
                };
            }
            Object value;
            try {
                value = f.body().apply(args);
            } catch (RuntimeException e) {
                // KQL functions answer bad input with null rather than failing the query.
                value = null;
            }
            write(out, r, result, value);
        }
    }

    private static void write(DuckDBWritableVector out, long r, char letter, Object value) {
        if (value == null || (value instanceof Double d && letter != 'r' && d.isNaN())) {
            out.setNull(r);
            return;
        }
        switch (letter) {
            case 's', 'y', 'g' -> out.setString(r, value.toString());
            case 'l', 'i' -> out.setLong(r, ((Number) value).longValue());
            case 'r' -> out.setDouble(r, ((Number) value).doubleValue());
            case 'b' -> out.setBoolean(r, (Boolean) value);
            default -> throw new IllegalStateException();
        }
    }
}
