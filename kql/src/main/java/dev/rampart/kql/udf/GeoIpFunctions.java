package dev.rampart.kql.udf;

import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/** {@code geo_info_from_ip_address()} over the installed {@link GeoIp} database. */
final class GeoIpFunctions implements Family {
    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "geo_info_from_ip_address s>y", a -> GeoIp.json((String) a[0]));
    }
}
