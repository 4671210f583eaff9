package dev.rampart.portal.response.sensors;

import java.time.OffsetDateTime;
import java.util.List;

/** What Settings &gt; Sensors shows; {@code secret} is set only right after a token was created. */
public record SensorsView(List<Sensor> sensors, List<EnrolmentTokens.Token> tokens, OffsetDateTime now, boolean canManage, String secret,
                          String error) {
}
