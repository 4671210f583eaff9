package dev.rampart.portal.demo;

/**
 * A simulated device as the hunting tables name it.
 *
 * @param deviceId    40 hex digits, like a Defender device id
 * @param name        lower-case fully qualified name ({@code DeviceName})
 * @param primaryUser SAM account name of the person using it, or null for servers
 */
public record DemoDevice(String deviceId, String name, String shortName, DeviceKind kind, String osPlatform,
                         String osVersion, long osBuild, String osVersionInfo, String osDistribution, DemoSite site,
                         String ip, String mac, String primaryUser, String vendor, String model,
                         boolean internetFacing) {
}
