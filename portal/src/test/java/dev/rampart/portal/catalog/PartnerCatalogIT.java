package dev.rampart.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerCatalogIT extends AbstractPortalIT {
    @Autowired
    PartnerCatalog catalog;

    WebSession admin;

    @BeforeAll
    void signIn() {
        admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
    }

    private static List<String> rows(String html) {
        return Pattern.compile("data-partner=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
    }

    @Test
    void page_listsEveryTechnologicalPartner_withElevenCategories() {
        String body = admin.get("/partners").body();
        assertThat(catalog.categories(PartnerCatalog.Kind.PARTNERS)).hasSize(11);
        assertThat(Pattern.compile("data-category=\"").matcher(body).results().count()).isEqualTo(11);
        assertThat(rows(body)).hasSize(catalog.all(PartnerCatalog.Kind.PARTNERS).size());
        assertThat(body).contains("Breach &amp; attack simulation", "Secure service edge", "href=\"https://www.misp-project.org/\"");
    }

    @Test
    void categoryFilter_showsOnlyThatCategory() {
        List<String> siem = rows(admin.get("/partners?category=siem").body());
        List<String> expected = catalog.all(PartnerCatalog.Kind.PARTNERS).stream().filter(e -> e.category().equals("siem"))
                .map(PartnerCatalog.Entry::name).sorted(String.CASE_INSENSITIVE_ORDER).toList();
        assertThat(siem).isEqualTo(expected).contains("Wazuh").doesNotContain("MISP");
    }

    @Test
    void search_matchesNameVendorAndDescription_withinTheCategory() {
        assertThat(rows(admin.get("/partners?q=misp").body())).containsExactly("MISP");
        assertThat(rows(admin.get("/partners?q=palo+alto").body())).contains("Cortex XSOAR", "Prisma Access");
        assertThat(rows(admin.get("/partners?q=palo+alto&category=sse").body())).containsExactly("Prisma Access");
        assertThat(rows(admin.get("/partners?q=STIX").body())).contains("OpenCTI");
        assertThat(admin.get("/partners?q=zzzz-nothing").body()).contains("Nothing matches");
    }

    @Test
    void professionalServices_areASeparateList() {
        String body = admin.get("/partners?list=services").body();
        assertThat(rows(body)).hasSize(catalog.all(PartnerCatalog.Kind.SERVICES).size()).contains("Mandiant Incident Response");
        assertThat(rows(admin.get("/partners?list=services&category=mdr").body())).contains("Expel MDR").doesNotContain("NCC Group");
    }

    @Test
    void unknownCategoryOrList_isRefused_namingTheParameter() {
        var r = admin.get("/partners?category=nope");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("category: \"nope\" is not a category");
        assertThat(admin.get("/partners?list=other").body()).contains("list: \"other\" is not a list");
        assertThat(admin.get("/partners?q=" + "x".repeat(101)).statusCode()).isEqualTo(400);
    }
}
