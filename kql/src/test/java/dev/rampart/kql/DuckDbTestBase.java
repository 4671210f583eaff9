package dev.rampart.kql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For test classes that check what compiled queries return: one in-memory DuckDB with the test schema's
 * tables per test class, and helpers that compile KQL with {@link TestSupport#options} and run it there (bag keys
 * read from that database).
 */
public abstract class DuckDbTestBase {
    protected static DuckDb db;

    @BeforeAll
    static void openDuckDb() throws Exception {
        db = new DuckDb(TestSupport.schema());
    }

    @AfterAll
    static void closeDuckDb() throws Exception {
        db.close();
    }

    /** Every row the query returns. */
    protected static List<List<Object>> rows(String kql) throws Exception {
        return db.run(KqlCompiler.compile(kql, TestSupport.options().withBagKeys(db::keys)));
    }

    /** The query's only row; fails unless it returns exactly one. */
    protected static List<Object> row(String kql) throws Exception {
        List<List<Object>> rows = rows(kql);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** The first cell of the query's only row; fails unless it returns exactly one row. */
    protected static Object one(String kql) throws Exception {
        return row(kql).get(0);
    }
}
