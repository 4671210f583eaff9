package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hostile input: the compiler either fails with its own diagnostic or produces SQL in which no text of
 * the query appears as a literal, with no statement separator, within a bounded time.
 */
class CompilerPropertyTest {
    private static final List<String> TOKENS = List.of(
            "Events", "Devices", "|", "where", "project", "extend", "summarize", "by", "count()", "take", "10", "join",
            "(", ")", "[", "]", "{", "}", ",", ";", "=", "==", "=~", "!=", "!", "has", "!has", "contains", "in", "in~",
            "has_any", "and", "or", "not", "FileName", "DeviceName", "FileSize", "Timestamp", "AdditionalFields", ".",
            "..", "between", "ago(1d)", "1d", "dynamic([\"a\"])", "let", "x", "datatable(a:string)", "mv-expand",
            "union", "sort", "top", "distinct", "*", "-", "+", "/", "'", "\"", "@\"", "'); DROP TABLE Events; --",
            "\"'; DELETE FROM x; --\"", "\"ünï©ødé\"", "'\\u0000'", "tolower(", "strcat(", "iff(", "$left.", "$right.",
            "on", "kind=leftouter", "render", "timechart", "//", "\n", "1.5", "0x1F", "h\"secret\"", "```raw```");

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(40).map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<String> hostileLiteralQuery() {
        Arbitrary<String> hostile = Arbitraries.strings().withChars("';\"\\-/*()|xyzÄ€𝄞\u0000\n\t ").ofMinLength(1).ofMaxLength(30)
                .filter(s -> s.chars().anyMatch(Character::isLetter));
        Arbitrary<String> template = Arbitraries.of(
                "Events | where FileName == %s", "Events | where FileName has %s", "Events | extend x = strcat(FileName, %s)",
                "Events | where FileName in (%s, \"b\")", "Events | where FileName matches regex %s",
                "Events | project y = %s", "datatable(a:string) [%s]", "Events | where AdditionalFields[%s] == 1");
        return Combinators.combine(template, hostile).as((t, h) -> t.formatted(quote(h)));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Property(tries = 400)
    void tokenSoup_onlyEverFailsWithADiagnostic(@ForAll("tokenSoup") String kql) {
        check(kql, null);
    }

    @Property(tries = 300)
    void hostileStringLiterals_neverReachTheSqlText(@ForAll("hostileLiteralQuery") String kql) {
        boolean compiled = check(kql, kql.substring(kql.indexOf('"') + 1, kql.lastIndexOf('"')));
        Statistics.label("outcome").collect(compiled ? "compiled" : "diagnostic");
        // Most hostile literals are valid KQL strings, so the SQL-side assertions must actually run.
        Statistics.label("outcome").coverage(c -> c.check("compiled").percentage(p -> p > 50));
    }

    @Property(tries = 200)
    void randomText_onlyEverFailsWithADiagnostic(@ForAll String kql) {
        check(kql, null);
    }

    @Provide
    Arbitrary<String> parameterSoup() {
        return Arbitraries.of("", "x:string", "n:long = 5", "x:string, n:long", "T:(*)", "x", "x:", "x:nosuchtype", ":long",
                "x:string = ", "x:string = 'a', y:datetime = datetime(2024-01-01)", "(", ")", "x:string) { Events }; let y = (");
    }

    /** Saved functions are text too: a broken body or parameter list, called directly or through another function. */
    @Property(tries = 200)
    void storedFunctionSoup_onlyEverFailsWithADiagnostic(@ForAll("tokenSoup") String body, @ForAll("parameterSoup") String params) {
        FunctionCatalog catalog = FunctionCatalog.of(List.of(new StoredFunction("F", params, body), new StoredFunction("G", "", "F")));
        CompileOptions options = TestSupport.options().withFunctions(catalog);
        check("G | take 1", null, options);
        check("Events | where F() == 1", null, options);
        Future<FunctionShape> f = POOL.submit(() -> KqlCompiler.describe(new StoredFunction("H", params, body), options));
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("describe did not finish in time: " + params + " / " + body);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).as("not a diagnostic for: " + params + " / " + body).isInstanceOf(KqlException.class);
            assertThat(((KqlException) e.getCause()).code()).isNotEqualTo(dev.rampart.kql.diagnostics.ErrorCode.INTERNAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kql-property");
        t.setDaemon(true);
        return t;
    });

    private static boolean check(String kql, String literal) {
        return check(kql, literal, TestSupport.options());
    }

    private static boolean check(String kql, String literal, CompileOptions options) {
        Future<CompiledQuery> f = POOL.submit(() -> KqlCompiler.compile(kql, options));
        CompiledQuery q;
        try {
            q = f.get(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("compilation did not finish in time: " + kql);
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KqlException ke) {
                assertThat(ke.code()).as("internal error for: " + kql).isNotEqualTo(dev.rampart.kql.diagnostics.ErrorCode.INTERNAL);
                assertThat(ke.diagnostic().span()).isNotNull();
                assertThat(ke.getMessage()).matches("(?s).*\\(line \\d+, column \\d+\\).*");
                return false;
            }
            throw new AssertionError("not a diagnostic for: " + kql, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(q.sql()).doesNotContain(";").doesNotContain("'").doesNotContain("--");
        long placeholders = q.sql().chars().filter(c -> c == '?').count();
        assertThat(placeholders).isEqualTo(q.parameters().size());
        if (literal != null && literal.length() > 3) {
            assertThat(q.sql()).doesNotContain(literal);
        }
        return true;
    }
}
