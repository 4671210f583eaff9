package dev.rampart.portal.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.intel.IntelText.Segment;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntelTextTest {

    @Test
    void paragraphs_dropCitationsAndTags_andLinkKnownAttackPagesInside() {
        List<List<Segment>> p = IntelText.paragraphs("[APT29](https://attack.mitre.org/groups/G0016) uses <code>rundll32</code>.(Citation: Vendor 2020)\n\n"
                + "See [PowerShell](https://attack.mitre.org/techniques/T1059/001) and [Unknown](https://attack.mitre.org/software/S9999).", Set.of("G0016", "T1059.001")::contains);
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).containsExactly(new Segment("APT29", "/threat-intelligence/profiles/G0016", true), new Segment(" uses rundll32.", null, false));
        assertThat(p.get(1)).containsExactly(new Segment("See ", null, false), new Segment("PowerShell", "/threat-intelligence/profiles/T1059.001", true),
                new Segment(" and ", null, false), new Segment("Unknown", "https://attack.mitre.org/software/S9999", false), new Segment(".", null, false));
    }

    @Test
    void paragraphs_linkOnlyHttpUrls() {
        List<List<Segment>> p = IntelText.paragraphs("[click](javascript:alert(1)) [doc](ftp://x.example/a) [web](https://x.example/a)", id -> false);
        assertThat(p.get(0)).contains(new Segment("doc", null, false), new Segment("web", "https://x.example/a", false));
        assertThat(p.get(0)).noneMatch(s -> s.href() != null && !s.href().startsWith("https://"));
    }

    @Test
    void summary_isTheFirstParagraphCut() {
        assertThat(IntelText.summary("[A](https://attack.mitre.org/groups/G1) is a long name.\n\nSecond.", 10)).isEqualTo("A is a lo…");
        assertThat(IntelText.summary(null, 10)).isEmpty();
    }
}
