package dev.rampart.portal.response.sensors;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal client of the sensor protocol over HTTP(S), as a real agent would use it. */
final class SensorClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    SensorClient(String base) {
        this.base = base;
    }

    JsonNode enrol(String token, String deviceId, String deviceName, String osPlatform, String osVersion, java.util.List<String> caps)
            throws IOException, InterruptedException {
        return enrol(token, deviceId, deviceName, osPlatform, osVersion, caps, "rampart-sim/1.0");
    }

    JsonNode enrol(String token, String deviceId, String deviceName, String osPlatform, String osVersion, java.util.List<String> caps, String version)
            throws IOException, InterruptedException {
        return call("POST", "/api/v1/sensors/enrol", null, JSON.writeValueAsString(java.util.Map.of("token", token, "deviceId", deviceId,
                "deviceName", deviceName, "osPlatform", osPlatform == null ? "" : osPlatform, "osVersion", osVersion == null ? "" : osVersion,
                "sensorVersion", version, "capabilities", caps)));
    }

    JsonNode heartbeat(String credential, Object body) throws IOException, InterruptedException {
        return call("POST", "/api/v1/sensors/me/heartbeat", credential, JSON.writeValueAsString(body));
    }

    JsonNode pull(String credential) throws IOException, InterruptedException {
        return call("GET", "/api/v1/sensors/me/actions?limit=10", credential, null);
    }

    JsonNode result(String credential, long id, Object body) throws IOException, InterruptedException {
        return call("POST", "/api/v1/sensors/me/actions/" + id + "/result", credential, JSON.writeValueAsString(body));
    }

    JsonNode liveCommands(String credential, int waitSeconds) throws IOException, InterruptedException {
        return call("GET", "/api/v1/sensors/me/live-response/commands?waitSeconds=" + waitSeconds, credential, null);
    }

    JsonNode liveResult(String credential, long id, Object body) throws IOException, InterruptedException {
        return call("POST", "/api/v1/sensors/me/live-response/commands/" + id + "/result", credential, JSON.writeValueAsString(body));
    }

    private JsonNode call(String method, String path, String credential, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        if (credential != null) {
            b.header("Authorization", "Bearer " + credential);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
