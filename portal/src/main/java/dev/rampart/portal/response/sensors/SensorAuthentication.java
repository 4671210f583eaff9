package dev.rampart.portal.response.sensors;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated sensor: authority {@code SENSOR}, name {@code sensor:<device name>} (what the audit log records). */
public final class SensorAuthentication extends AbstractAuthenticationToken {
    public static final String AUTHORITY = "SENSOR";
    private final Sensor sensor;

    SensorAuthentication(Sensor sensor) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.sensor = sensor;
        setAuthenticated(true);
    }

    public Sensor sensor() {
        return sensor;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return sensor;
    }

    @Override
    public String getName() {
        return "sensor:" + sensor.deviceName();
    }
}
