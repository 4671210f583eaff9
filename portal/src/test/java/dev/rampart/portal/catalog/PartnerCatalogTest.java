package dev.rampart.portal.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.catalog.PartnerCatalog.Category;
import dev.rampart.portal.catalog.PartnerCatalog.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartnerCatalogTest {
    private static PartnerCatalog.File file(Entry e) {
        return new PartnerCatalog.File(List.of(new Category("siem", "SIEM")), List.of(new Category("ir", "Incident response")), List.of(e), List.of());
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
}
