package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleMatrixTest {
    private static final List<Roles.Role> ROLES = Arrays.stream(BuiltInRole.values())
            .map(b -> new Roles.Role(b.id(), b.displayName(), b.description(), true, b.permissions(), java.util.Map.of())).toList();

    private static AccessViews.MatrixRow row(String category, String label) {
        return Roles.matrix(ROLES).stream().filter(g -> g.category().equals(category)).findFirst().orElseThrow()
                .rows().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void matrix_groupsTheCatalogueByCategoryInCatalogueOrder() {
        assertThat(Roles.matrix(ROLES)).extracting(AccessViews.MatrixGroup::category)
                .containsExactly("Security operations", "Security posture", "Authorization and settings");
        int labels = Roles.matrix(ROLES).stream().mapToInt(g -> g.rows().size()).sum();
        assertThat(labels).isEqualTo(20);
    }

    @Test
    void matrix_namesTheLevelsEachRoleGrants() {
        // Columns follow BuiltInRole order: global admin, security admin, operator, security reader, global reader.
        assertThat(row("Authorization and settings", "Authorization").levels()).containsExactly("Read", "Manage");
        assertThat(row("Authorization and settings", "Authorization").cells())
                .containsExactly("Read & manage", "Read & manage", "—", "—", "Read");
        assertThat(row("Security operations", "Alerts").cells()).containsExactly("Manage", "Manage", "Manage", "—", "—");
        assertThat(row("Authorization and settings", "System settings").cells())
                .containsExactly("Read & manage", "Read & manage", "Read & manage", "Read", "Read");
    }
}
