package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.hunting.HuntingService;
import dev.rampart.portal.incidents.AlertChange;
import dev.rampart.portal.incidents.AlertStatus;
import dev.rampart.portal.incidents.IncidentChange;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.incidents.IncidentStatus;
import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A user with two assignments — the Tier-1 role (data, alerts, response) on EU devices and the built-in Security
 * reader role on everything — reads everywhere but responds and manages alerts only on EU devices: each permission
 * counts within the scope of the assignment that grants it, not across the union of all assignments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerAssignmentPermissionsIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    UserAccounts users;
    @Autowired
    RoleAssignments assignments;
    @Autowired
    RoleAdministration roleAdmin;
    @Autowired
    ResponseActions actions;
    @Autowired
    IncidentService incidents;
    @Autowired
    HuntingService hunting;
    @Autowired
    DataScopes scopes;

    ScopeFixture.Seeded s;
    String emailUser;

    @BeforeAll
    void seed() {
        String prefix = "pa" + UUID.randomUUID().toString().substring(0, 6);
        s = ScopeFixture.seed(ctx, prefix);
        assignments.create(BuiltInRole.SECURITY_READER.id(), new RoleAssignments.Input(prefix + " readers everywhere", List.of(s.euUser()), List.of(),
                List.of(), List.of()));
        // Email metadata granted only by an assignment limited to the endpoint data source; data everywhere by another.
        emailUser = prefix + "-mail";
        users.create(emailUser, "Mail analyst", null, ScopeFixture.PASSWORD, List.of());
        Roles.Role mail = roleAdmin.create(new RoleAdministration.Input(prefix + " mail metadata", "",
                List.of("SECURITY_DATA_READ", "EMAIL_METADATA_READ"), Map.of()));
        Roles.Role data = roleAdmin.create(new RoleAdministration.Input(prefix + " data only", "", List.of("SECURITY_DATA_READ"), Map.of()));
        assignments.create(mail.id(), new RoleAssignments.Input("endpoint only", List.of(emailUser), List.of(), List.of("endpoint"), List.of()));
        assignments.create(data.id(), new RoleAssignments.Input("all sources", List.of(emailUser), List.of(), List.of(), List.of()));
    }

    private <T> T as(String user, Supplier<T> work) {
        var auth = UsernamePasswordAuthenticationToken.authenticated(user, null, users.sessionState(user).orElseThrow().authorities());
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private ActionRequest isolate(String device) {
        return new ActionRequest(ActionType.ISOLATE_DEVICE, ScopeFixture.Seeded.id(device), null, Map.of(), "per-assignment test", null, null);
    }

    @Test
    void readerAssignmentEverywhere_letsTheTier1UserSeeUsDevices_butNotRespondOnThem() {
        assertThat(as(s.euUser(), () -> actions.deviceVisible(ScopeFixture.Seeded.id(s.usDevice())))).as("reads everywhere").isTrue();
        assertThat(as(s.euUser(), () -> actions.mayActOn(ScopeFixture.Seeded.id(s.usDevice()), Permission.RESPONSE_MANAGE))).isFalse();
        assertThat(as(s.euUser(), () -> actions.mayActOn(ScopeFixture.Seeded.id(s.euDevice()), Permission.RESPONSE_MANAGE))).isTrue();

        assertThatThrownBy(() -> as(s.euUser(), () -> actions.request(isolate(s.usDevice()), ResponseAction.MANUAL_DEVICE)))
                .isInstanceOf(ActionException.class).hasMessageContaining("no device");
        List<ResponseAction> eu = as(s.euUser(), () -> actions.request(isolate(s.euDevice()), ResponseAction.MANUAL_DEVICE));
        assertThat(eu).singleElement().satisfies(a -> assertThat(a.targetId()).isEqualTo(ScopeFixture.Seeded.id(s.euDevice())));
    }

    @Test
    void globalAnalyst_respondsOnUsDevices() {
        List<ResponseAction> us = as(s.allUser(), () -> actions.request(isolate(s.usDevice()), ResponseAction.MANUAL_DEVICE));
        assertThat(us).hasSize(1);
        assertThatThrownBy(() -> as(s.euUser(), () -> actions.cancel(us.get(0).id(), "not mine to cancel")))
                .isInstanceOf(ActionException.class).hasMessageContaining("outside the device groups");
    }

    @Test
    void alertsManage_appliesOnlyToAlertsInsideTheTier1Assignment() {
        AlertChange inProgress = new AlertChange(AlertStatus.IN_PROGRESS, null, null, null, null);
        assertThat(as(s.euUser(), () -> incidents.alert(s.usAlert().id()))).as("the US alert is readable").isNotNull();
        assertThatThrownBy(() -> as(s.euUser(), () -> incidents.updateAlert(s.usAlert().id(), inProgress)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("Alerts (manage)");
        assertThatThrownBy(() -> as(s.euUser(), () -> incidents.update(s.usAlert().incidentId(), IncidentChange.none().withStatus(IncidentStatus.ACTIVE))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(as(s.euUser(), () -> incidents.updateAlert(s.euAlert().id(), inProgress)).status()).isEqualTo(AlertStatus.IN_PROGRESS);
    }

    @Test
    void hunting_emailTablesNeedEmailMetadataFromAnAssignmentCoveringEmail() {
        assertThat(users.permissionsOf(emailUser)).contains(Permission.EMAIL_METADATA_READ);
        assertThat(as(emailUser, () -> hunting.visibleSchema().table("EmailEvents"))).as("metadata only granted for endpoint data").isEmpty();
        assertThat(as(emailUser, () -> hunting.visibleSchema().table("DeviceInfo"))).isPresent();
    }

    @Test
    void scopeOfAPermission_isTheUnionOfTheAssignmentsGrantingIt() {
        DataScope response = scopes.forUser(s.euUser(), Permission.RESPONSE_MANAGE);
        assertThat(response.restricted()).isTrue();
        assertThat(response.workloadVisible("identity")).isFalse();
        assertThat(scopes.forUser(s.euUser(), Permission.SECURITY_DATA_READ).restricted()).isFalse();
        assertThat(scopes.forUser(s.euUser(), Permission.AUTHORIZATION_MANAGE).grants()).isEmpty();
    }
}
