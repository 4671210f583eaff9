package dev.rampart.kql.udf;

import java.util.List;

/** Every family of Java functions; each new family adds one line. */
final class Families {
    static final List<Family> ALL = List.of(
            new HashFunctions(),
            new SchemaFunctions(),
            new SeriesFilters(),
            new SeriesPeriods(),
            new SeriesFits(),
            new SeriesFourier(),
            new SeriesGaps(),
            new CodecFunctions(),
            new IpFunctions(),
            new GeoIpFunctions(),
            new TextParsingFunctions(),
            new XmlFunctions(),
            new IndexOfText(),
            new UserAgentFunctions(),
            new TimespanFormat(),
            new ValueText(),
            // geospatial polygons
            new PolygonFunctions(),
            new PolygonSetFunctions(),
            new PolygonDensify(),
            new WktFunctions(),
            new PointGeoFunctions(),
            // geospatial cell indexes
            new H3Functions(),
            new S2Functions(),
            new LineFunctions(),
            // math and dynamic values
            new MathFunctions(),
            new DynamicFunctions(),
            // tabular operators computed over a whole column
            new ReduceFunctions(),
            new PatternMiningFunctions()
    );

    private Families() {
    }
}
