package dev.rampart.portal.response.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceSensorTest {
    @TempDir
    Path state;

    @Test
    void parse_options_areReadWithDefaults() {
        ReferenceSensor.Options o = ReferenceSensor.parse(List.of("--portal=https://rampart.example", "--token=ret_x", "--device-id=ws-42",
                "--state-dir=" + state, "--search-root=/srv"));
        assertThat(o.portal()).isEqualTo("https://rampart.example");
        assertThat(o.deviceId()).isEqualTo("ws-42");
        assertThat(o.stateDir()).isEqualTo(state.toAbsolutePath());
        assertThat(o.searchRoots()).containsExactly(Path.of("/srv"));
    }

    @Test
    void parse_badInput_namesTheOption() {
        assertThatThrownBy(() -> ReferenceSensor.parse(List.of("--token=ret_x"))).hasMessage("--portal is required: the portal's http(s) address");
        assertThatThrownBy(() -> ReferenceSensor.parse(List.of("--portal=https://r.example", "--colour=blue"))).hasMessage("unknown option --colour");
        assertThatThrownBy(() -> ReferenceSensor.parse(List.of("--portal=https://r.example", "--device-id=a.b"))).hasMessageStartingWith("--device-id must be");
        assertThatThrownBy(() -> ReferenceSensor.parse(List.of("portal"))).hasMessage("'portal' is not an option of the form --name=value");
    }

    @Test
    void main_withoutStoredCredentialOrToken_saysWhatIsMissing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ReferenceSensor.main(List.of("--portal=http://127.0.0.1:9", "--state-dir=" + state), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no stored credential in").contains("pass --token=ret_");
    }
}
