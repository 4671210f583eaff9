package dev.rampart.kql.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The advanced-hunting schema shipped with Rampart: every table analysts can query, with Kusto column types.
 * Loaded once from {@code hunting-schema.tsv} on the class path.
 */
public final class HuntingSchema {
    private static final String RESOURCE = "hunting-schema.tsv";
    private static volatile Schema instance;

    private HuntingSchema() {
    }

    public static Schema get() {
        Schema s = instance;
        if (s == null) {
            synchronized (HuntingSchema.class) {
                s = instance;
                if (s == null) {
                    s = load();
                    instance = s;
                }
            }
        }
        return s;
    }

    private static Schema load() {
        try (InputStream in = HuntingSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String[]> heads = new LinkedHashMap<>();
            Map<String, List<Column>> cols = new LinkedHashMap<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f[2].equals("-")) {
                    heads.put(f[0], f);
                    cols.put(f[0], new ArrayList<>());
                } else {
                    cols.get(f[0]).add(new Column(f[2], KqlType.fromKusto(f[3]), f[4]));
                }
            }
            List<Table> tables = new ArrayList<>();
            heads.forEach((name, f) -> tables.add(new Table(name, f[1], f[4], cols.get(name))));
            return new Schema(tables);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
