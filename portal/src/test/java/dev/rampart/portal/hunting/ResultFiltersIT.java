package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The results grid's filters apply together, and values keep their commas. */
class ResultFiltersIT extends AbstractPortalIT {
    @Test
    void filters_applyTogether_andAValueWithCommasIsOneValue() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> ran = admin.postHtmx("/hunting/run", WebSession.form("query",
                "datatable(Cmd:string, Host:string) ['rundll32 a.dll,Start', 'pc1', 'rundll32 b.dll,Start', 'pc2', 'cmd /c dir', 'pc1']", "timespan", "P1D"));
        Matcher m = Pattern.compile("/hunting/results/([0-9a-f-]{36})/export\\.csv").matcher(ran.body());
        assertThat(m.find()).isTrue();
        String base = "/hunting/results/" + m.group(1);

        String one = admin.getHtmx(base + "?f=" + URLEncoder.encode("eq~Cmd~rundll32 a.dll,Start", StandardCharsets.UTF_8)).body();
        assertThat(one).contains("1–1 of 1").contains("Cmd = “rundll32 a.dll,Start”");
        String both = admin.getHtmx(base + "?f=" + URLEncoder.encode("has~Cmd~rundll32", StandardCharsets.UTF_8)
                + "&f=" + URLEncoder.encode("ne~Host~pc2", StandardCharsets.UTF_8)).body();
        assertThat(both).contains("1–1 of 1").contains("rundll32 a.dll,Start").doesNotContain("rundll32 b.dll,Start");
        String form = admin.getHtmx(base + "?fc=Cmd&fo=sw&fv=CMD").body();
        assertThat(form).contains("1–1 of 1").contains("Cmd starts with “CMD”");
        // A form without an operator adds nothing (and fails nothing).
        assertThat(admin.getHtmx(base + "?fc=Cmd&fv=x").body()).contains("1–3 of 3");
    }
}
