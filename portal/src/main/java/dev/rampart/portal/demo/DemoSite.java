package dev.rampart.portal.demo;

/**
 * An office or data centre: its internal /16 ({@code subnet} is the first two octets), its time zone as a fixed
 * UTC offset, and the public address its traffic leaves through.
 */
public record DemoSite(String name, String city, String country, String countryCode, String subnet, int utcOffsetHours,
                       String publicIp) {
}
