package dev.rampart.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.catalog.PartnerCatalog.Category;
import dev.rampart.portal.catalog.PartnerCatalog.Entry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartnerCatalogTest {
    private static PartnerCatalog.File file(Entry e) {
        return new PartnerCatalog.File(List.of(new Category("siem", "SIEM")), List.of(e));
    }

    @Test
    void entryWithUnknownCategory_stopsStartUp_namingIt() {
        assertThatThrownBy(() -> PartnerCatalog.validate(file(new Entry("X", "V", "soar", "d", "https://x.example"))))
                .hasMessageContaining("entry \"X\": unknown category \"soar\"");
    }

    @Test
    void entryWithoutHttpsLinkOrField_isRefused() {
        assertThatThrownBy(() -> PartnerCatalog.validate(file(new Entry("X", "V", "siem", "d", "http://x.example"))))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> PartnerCatalog.validate(file(new Entry("X", "", "siem", "d", "https://x.example"))))
                .hasMessageContaining("required");
    }

    @Test
    void serviceLink_mustBeHttpsWithAHost() {
        assertThat(ProfessionalServices.isHttps("https://firm.example/ir")).isTrue();
        assertThat(ProfessionalServices.isHttps("http://firm.example/")).isFalse();
        assertThat(ProfessionalServices.isHttps("https:///nohost")).isFalse();
        assertThat(ProfessionalServices.isHttps("not a url")).isFalse();
    }

    @Test
    void heartbeatAge_isShortAndReadable() {
        assertThat(IntegrationTests.age(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(IntegrationTests.age(Duration.ofMinutes(30))).isEqualTo("30 min");
        assertThat(IntegrationTests.age(Duration.ofHours(5))).isEqualTo("5 h");
        assertThat(IntegrationTests.age(Duration.ofDays(9))).isEqualTo("9 days");
    }
}
