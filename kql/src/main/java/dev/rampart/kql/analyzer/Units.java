package dev.rampart.kql.analyzer;

import java.util.Map;

/**
 * The unit tables of convert_angle/energy/force/length/mass/speed/volume: each unit's size in the family's
 * base unit (degree, joule, newton, meter, kilogram, meter per second, cubic meter), and for convert_temperature
 * each unit's linear map to kelvin. Unknown units make the result null.
 * Where Kusto's unit library rounds a definition (the acre-foot is 1 / 0.000810714 cubic meters), its figure is used.
 */
final class Units {
    private static final double INCH = 0.0254;
    private static final double FOOT = 0.3048;
    private static final double MILE = 1609.344;
    private static final double POUND = 0.45359237;
    private static final double ZERO_CELSIUS = 273.15;

    /** A temperature unit read in kelvin: {@code kelvin = value * scale + offset}. */
    record Linear(double scale, double offset) {
    }

    static final Map<String, Linear> TEMPERATURES = Map.of("Kelvin", new Linear(1, 0),
            "DegreeCelsius", new Linear(1, ZERO_CELSIUS), "MillidegreeCelsius", new Linear(1e-3, ZERO_CELSIUS),
            "DegreeFahrenheit", new Linear(5.0 / 9, 459.67 * 5 / 9), "DegreeRankine", new Linear(5.0 / 9, 0),
            // Delisle counts down from the boiling point of water, 150 degrees to the freezing point.
            "DegreeDelisle", new Linear(-2.0 / 3, ZERO_CELSIUS + 100), "DegreeNewton", new Linear(100.0 / 33, ZERO_CELSIUS),
            "DegreeReaumur", new Linear(5.0 / 4, ZERO_CELSIUS), "DegreeRoemer", new Linear(40.0 / 21, ZERO_CELSIUS - 7.5 * 40 / 21),
            // the Sun's effective surface temperature, 5778 K
            "SolarTemperature", new Linear(5778, 0));

    static final Map<String, Map<String, Double>> FAMILIES = Map.of(
            "convert_angle", Map.of("Arcminute", 1.0 / 60, "Arcsecond", 1.0 / 3600, "Centiradian", 0.01 * 180 / Math.PI,
                    "Deciradian", 0.1 * 180 / Math.PI, "Degree", 1.0, "Gradian", 0.9, "Microradian", 1e-6 * 180 / Math.PI,
                    "Milliradian", 1e-3 * 180 / Math.PI, "Radian", 180 / Math.PI, "Revolution", 360.0),
            "convert_energy", Map.ofEntries(Map.entry("BritishThermalUnit", 1055.05585262), Map.entry("Calorie", 4.184),
                    Map.entry("ElectronVolt", 1.602176634e-19), Map.entry("Erg", 1e-7), Map.entry("Joule", 1.0), Map.entry("Kilojoule", 1e3),
                    Map.entry("Kilocalorie", 4184.0), Map.entry("KilowattHour", 3.6e6), Map.entry("Megajoule", 1e6), Map.entry("MegawattHour", 3.6e9),
                    Map.entry("Millijoule", 1e-3), Map.entry("WattHour", 3600.0), Map.entry("Gigajoule", 1e9), Map.entry("GigawattHour", 3.6e12)),
            "convert_force", Map.of("Decanewton", 10.0, "Dyn", 1e-5, "KilogramForce", 9.80665, "Kilonewton", 1e3, "KiloPond", 9.80665,
                    "Meganewton", 1e6, "Micronewton", 1e-6, "Millinewton", 1e-3, "Newton", 1.0, "PoundForce", 4.4482216152605),
            "convert_length", Map.ofEntries(Map.entry("Angstrom", 1e-10), Map.entry("Centimeter", 0.01), Map.entry("Decimeter", 0.1),
                    Map.entry("Foot", FOOT), Map.entry("Inch", INCH), Map.entry("Kilometer", 1e3), Map.entry("Meter", 1.0),
                    Map.entry("Micrometer", 1e-6), Map.entry("Mile", MILE), Map.entry("Millimeter", 1e-3), Map.entry("Nanometer", 1e-9),
                    Map.entry("NauticalMile", 1852.0), Map.entry("Yard", 0.9144), Map.entry("Hectometer", 100.0), Map.entry("Decameter", 10.0)),
            "convert_mass", Map.ofEntries(Map.entry("Centigram", 1e-5), Map.entry("Decagram", 1e-2), Map.entry("Decigram", 1e-4),
                    Map.entry("EarthMass", 5.9722e24), Map.entry("Grain", 64.79891e-6), Map.entry("Gram", 1e-3), Map.entry("Hectogram", 0.1),
                    Map.entry("Kilogram", 1.0), Map.entry("Kilopound", POUND * 1e3), Map.entry("Kilotonne", 1e6),
                    Map.entry("LongHundredweight", POUND * 112), Map.entry("LongTon", POUND * 2240), Map.entry("Megapound", POUND * 1e6),
                    Map.entry("Megatonne", 1e9), Map.entry("Microgram", 1e-9), Map.entry("Milligram", 1e-6), Map.entry("Nanogram", 1e-12),
                    Map.entry("Ounce", POUND / 16), Map.entry("Pound", POUND), Map.entry("ShortHundredweight", POUND * 100),
                    Map.entry("ShortTon", POUND * 2000), Map.entry("Slug", POUND * 9.80665 / FOOT), Map.entry("SolarMass", 1.98947e30),
                    Map.entry("Stone", POUND * 14), Map.entry("Tonne", 1e3)),
            "convert_speed", Map.ofEntries(Map.entry("CentimeterPerHour", 0.01 / 3600), Map.entry("CentimeterPerMinute", 0.01 / 60),
                    Map.entry("CentimeterPerSecond", 0.01), Map.entry("FootPerSecond", FOOT), Map.entry("FootPerMinute", FOOT / 60),
                    Map.entry("FootPerHour", FOOT / 3600), Map.entry("InchPerSecond", INCH), Map.entry("KilometerPerHour", 1000 / 3600.0),
                    Map.entry("KilometerPerMinute", 1000 / 60.0), Map.entry("KilometerPerSecond", 1e3), Map.entry("Knot", 1852 / 3600.0),
                    Map.entry("MeterPerHour", 1 / 3600.0), Map.entry("MeterPerMinute", 1 / 60.0), Map.entry("MeterPerSecond", 1.0),
                    Map.entry("MilePerHour", MILE / 3600), Map.entry("MillimeterPerHour", 0.001 / 3600), Map.entry("MillimeterPerSecond", 0.001)),
            "convert_volume", Map.ofEntries(Map.entry("AcreFoot", 1 / 0.000810714), Map.entry("CubicCentimeter", 1e-6),
                    Map.entry("CubicFoot", FOOT * FOOT * FOOT), Map.entry("CubicInch", INCH * INCH * INCH), Map.entry("CubicKilometer", 1e9),
                    Map.entry("CubicMeter", 1.0), Map.entry("CubicMillimeter", 1e-9), Map.entry("Liter", 1e-3), Map.entry("Milliliter", 1e-6),
                    Map.entry("UsGallon", 0.003785411784), Map.entry("ImperialGallon", 0.00454609), Map.entry("Deciliter", 1e-4),
                    Map.entry("Centiliter", 1e-5), Map.entry("Hectoliter", 0.1)));

    private Units() {
    }

    /** The factor that turns a value in {@code from} into {@code to}; null when either unit is unknown. */
    static Double factor(String family, String from, String to) {
        Map<String, Double> units = FAMILIES.get(family);
        Double f = units.get(from);
        Double t = units.get(to);
        return f == null || t == null ? null : f / t;
    }
}
