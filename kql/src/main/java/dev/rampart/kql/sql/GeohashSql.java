package dev.rampart.kql.sql;

import dev.rampart.kql.plan.Rex;

import java.util.ArrayList;
import java.util.List;

/**
 * Geohash cells in plain arithmetic: a cell of n characters halves longitude ceil(5n/2) times and latitude
 * floor(5n/2) times, the bits interleaved from longitude first and read five at a time in base 32.
 */
final class GeohashSql {
    private static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

    private GeohashSql() {
    }

    static boolean handles(String fn) {
        return fn.equals("geo_point_to_geohash") || fn.equals("geo_geohash_to_central_point") || fn.equals("geo_geohash_to_polygon");
    }

    static String render(RexRenderer x, Rex.Call c, String q) {
        List<String> s = new ArrayList<>();
        c.args().forEach(r -> s.add(x.r(r, q)));
        if (c.fn().equals("geo_point_to_geohash")) {
            String p = s.size() > 2 ? s.get(2) : "5";
            StringBuilder ch = new StringBuilder();
            for (int k = 0; k < 5; k++) {
                String t = "(5 * _j + " + k + ")";
                ch.append(k > 0 ? " + " : "").append("((CASE WHEN ").append(t).append(" % 2 = 0 THEN (lo >> (nlo - 1 - ").append(t)
                        .append(" // 2)) & 1 ELSE (la >> (nla - 1 - ").append(t).append(" // 2)) & 1 END) << ").append(4 - k).append(")");
            }
            String cells = "array_to_string(list_transform(range(0, pr), lambda _j: substring(" + x.param(ALPHABET) + ", CAST(" + ch + " AS BIGINT) + 1, 1)), "
                    + x.param("") + ")";
            String idx = "(SELECT pr, nlo, nla, least(CAST(floor((" + s.get(0) + " + 180) / 360 * pow(2, nlo)) AS BIGINT), CAST(pow(2, nlo) AS BIGINT) - 1) AS lo,"
                    + " least(CAST(floor((" + s.get(1) + " + 90) / 180 * pow(2, nla)) AS BIGINT), CAST(pow(2, nla) AS BIGINT) - 1) AS la"
                    + " FROM (SELECT CAST(" + p + " AS BIGINT) AS pr, CAST((5 * " + p + " + 1) // 2 AS BIGINT) AS nlo, CAST(5 * " + p + " // 2 AS BIGINT) AS nla) AS _p) AS _g";
            String valid = s.get(0) + " BETWEEN -180 AND 180 AND " + s.get(1) + " BETWEEN -90 AND 90 AND " + p + " BETWEEN 1 AND 18";
            return "coalesce((SELECT CASE WHEN " + valid + " THEN " + cells + " END FROM " + idx + "), " + x.param("") + ")";
        }
        String h = s.get(0);
        String digits = "list_transform(string_split(" + h + ", " + x.param("") + "), lambda _c: strpos(" + x.param(ALPHABET) + ", _c) - 1)";
        String lonIdx = "list_sum(list_transform(range(0, 5 * n), lambda _t: CASE WHEN _t % 2 = 0 THEN ((v[_t // 5 + 1] >> (4 - _t % 5)) & 1) << (nlo - 1 - _t // 2) ELSE 0 END))";
        String latIdx = "list_sum(list_transform(range(0, 5 * n), lambda _t: CASE WHEN _t % 2 = 1 THEN ((v[_t // 5 + 1] >> (4 - _t % 5)) & 1) << (nla - 1 - _t // 2) ELSE 0 END))";
        String cell = "(SELECT -180 + " + lonIdx + " * (360 / pow(2, nlo)) AS x0, -90 + " + latIdx + " * (180 / pow(2, nla)) AS y0, 360 / pow(2, nlo) AS w,"
                + " 180 / pow(2, nla) AS hh, ok FROM (SELECT v, n, CAST((5 * n + 1) // 2 AS BIGINT) AS nlo,"
                + " CAST(5 * n // 2 AS BIGINT) AS nla, n BETWEEN 1 AND 18 AND list_min(v) >= 0 AS ok FROM (SELECT " + digits + " AS v, length(" + h
                + ") AS n) AS _d0) AS _d1) AS _d";
        String body = c.fn().equals("geo_geohash_to_central_point")
                ? "json_object(" + x.param("type") + ", " + x.param("Point") + ", " + x.param("coordinates") + ", json_array(x0 + w / 2, y0 + hh / 2))"
                : "json_object(" + x.param("type") + ", " + x.param("Polygon") + ", " + x.param("coordinates")
                + ", json_array(json_array(json_array(x0, y0), json_array(x0 + w, y0), json_array(x0 + w, y0 + hh), json_array(x0, y0 + hh), json_array(x0, y0))))";
        return "(SELECT CASE WHEN ok THEN " + body + " END FROM " + cell + ")";
    }
}
