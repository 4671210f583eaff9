package dev.rampart.portal.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.RoleAdministration;
import dev.rampart.portal.access.RoleAssignments;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.access.UserAccounts;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Advanced hunting's "Take actions": selected rows become response actions, one per distinct target, reviewed and
 * then requested together under one approval id with the source "Advanced hunting action".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HuntingActionIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ResponseActions actions;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    Seeded f;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "hta" + run);
    }

    /** Rows 0 and 1: the EU device and one mail; row 2: the US device and another mail; row 3: a malformed hash. */
    String query() {
        String eu = Seeded.id(f.euDevice()), us = Seeded.id(f.usDevice());
        return "datatable(DeviceId:string, DeviceName:string, SHA1:string, NetworkMessageId:string, RecipientEmailAddress:string, Subject:string) [\n"
                + "'" + eu + "', '" + f.euDevice() + "', '" + f.hash() + "', 'm1-" + run + "', 'Ann@corp.example', 'Invoice',\n"
                + "'" + eu + "', '" + f.euDevice() + "', '" + f.hash() + "', 'm1-" + run + "', 'ann@corp.example', 'Invoice',\n"
                + "'" + us + "', '" + f.usDevice() + "', '" + f.hash() + "', 'm2-" + run + "', 'bob@corp.example', 'Invoice',\n"
                + "'" + eu + "', '" + f.euDevice() + "', 'not-a-hash', '', '', '']";
    }

    static String resultId(HttpResponse<String> ran) {
        assertThat(ran.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("/hunting/results/([0-9a-f-]{36})/export\\.csv").matcher(ran.body());
        assertThat(m.find()).as(ran.body()).isTrue();
        return m.group(1);
    }

    static String[] choice(String rows, String name, String... more) {
        List<String> kv = new ArrayList<>(List.of("rows", rows, "name", name, "description", "Contain the wave found while hunting",
                "col_device", "DeviceId", "col_file", "SHA1", "col_message", "NetworkMessageId", "col_recipient", "RecipientEmailAddress"));
        kv.addAll(List.of(more));
        return kv.toArray(String[]::new);
    }

    /** Form fields; a name given twice is sent twice (checkbox groups). */
    static Map<String, Object> fields(String... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) m.computeIfAbsent(kv[i], k -> new ArrayList<String>());
            values.add(kv[i + 1]);
        }
        return m;
    }

    static List<String> keys(String reviewBody) {
        Matcher m = Pattern.compile("name=\"keep\" value=\"([^\"]+)\"").matcher(reviewBody);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).replace("&#124;", "|"));
        }
        return out;
    }

    List<ResponseAction> batch(String id) {
        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("hta-it"));
        try {
            return actions.list(new ActionQuery(null, null, null, null, null, null, null, null, null, null, null, id), 1, 500).items();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void review_listsOneActionPerDistinctTarget_andSubmitRequestsTheKeptOnesUnderOneApprovalId() throws Exception {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String id = resultId(admin.postHtmx("/hunting/run", fields("query", query(), "timespan", "P1D")));

        HttpResponse<String> form = admin.postHtmx("/hunting/results/" + id + "/take-action/form", fields("rows", "0,1,2"));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("the 3 selected rows name")
                .containsPattern("name=\"col_device\"[\\s\\S]*?<option value=\"DeviceId\" selected")
                .containsPattern("name=\"col_file\"[\\s\\S]*?<option value=\"SHA1\" selected")
                .containsPattern("name=\"col_recipient\"[\\s\\S]*?<option value=\"RecipientEmailAddress\" selected");

        String[] chosen = choice("0,1,2", "Contain " + run, "types", "ISOLATE_DEVICE", "types", "RUN_ANTIVIRUS_SCAN", "scanType", "full",
                "types", "STOP_AND_QUARANTINE_FILE", "types", "SOFT_DELETE_EMAIL");
        HttpResponse<String> review = admin.postHtmx("/hunting/results/" + id + "/take-action/review", fields(chosen));
        assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
        // Two devices × (isolate, scan, quarantine) + two messages ("Ann@" and "ann@" are one recipient).
        List<String> keys = keys(review.body());
        assertThat(keys).hasSize(8);
        assertThat(review.body()).contains("8 actions from 3 rows").contains("(full)").contains("needs approval")
                .contains("m1-" + run + " to ann@corp.example");

        String dropped = keys.stream().filter(k -> k.startsWith("isolate_device|") && k.contains("-us1")).findFirst().orElseThrow();
        List<String> submit = new ArrayList<>(List.of(chosen));
        submit.addAll(List.of("reviewed", "1"));
        keys.stream().filter(k -> !k.equals(dropped)).forEach(k -> {
            submit.add("keep");
            submit.add(k);
        });
        HttpResponse<String> done = admin.postHtmx("/hunting/results/" + id + "/take-action", fields(submit.toArray(String[]::new)));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        Matcher approval = Pattern.compile("Approval ID <strong class=\"mono\">(AH-[0-9A-Z]{8})</strong>").matcher(done.body());
        assertThat(approval.find()).as(done.body()).isTrue();
        assertThat(done.body()).contains("7 actions requested as “Contain " + run + "”");

        List<ResponseAction> created = batch(approval.group(1));
        assertThat(created).hasSize(7).allSatisfy(a -> {
            assertThat(a.source()).isEqualTo("Advanced hunting action");
            assertThat(a.batchName()).isEqualTo("Contain " + run);
            assertThat(a.requestComment()).isEqualTo("Contain the wave found while hunting");
            assertThat(a.requestedBy()).isEqualTo("admin");
        });
        assertThat(created).filteredOn(a -> a.type() == ActionType.ISOLATE_DEVICE).extracting(ResponseAction::targetId)
                .containsExactly(Seeded.id(f.euDevice()));
        assertThat(created).filteredOn(a -> a.type() == ActionType.RUN_ANTIVIRUS_SCAN).allSatisfy(a -> assertThat(a.parameter("scanType")).isEqualTo("full"));
        assertThat(created).filteredOn(a -> a.type() == ActionType.STOP_AND_QUARANTINE_FILE).extracting(ResponseAction::deviceId)
                .containsExactlyInAnyOrder(Seeded.id(f.euDevice()), Seeded.id(f.usDevice()));
        assertThat(created).filteredOn(a -> a.type() == ActionType.SOFT_DELETE_EMAIL).hasSize(2).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(ActionStatus.PENDING_APPROVAL);
            assertThat(a.parameter("subject")).isEqualTo("Invoice");
        });

        // The action center finds the batch by its approval id and shows it on each action.
        String history = admin.get("/action-center/history?batch=" + approval.group(1).toLowerCase()).body();
        assertThat(history).contains("1–7 of 7 actions").contains("Advanced hunting action");
        assertThat(get("/api/v1/actions?approvalId=" + approval.group(1), "admin", ADMIN_PASSWORD).body()).contains("\"total\":7")
                .contains("\"approvalId\":\"" + approval.group(1) + "\"").contains("\"remediationName\":\"Contain " + run + "\"");
        String panel = admin.get("/action-center/actions/" + created.get(0).id()).body();
        assertThat(panel).contains("Approval ID").contains(approval.group(1)).contains("Contain " + run);
    }

    @Test
    void choices_thatCannotBecomeActions_nameTheField_andKeepWhatWasTyped() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String id = resultId(admin.postHtmx("/hunting/run", fields("query", query(), "timespan", "P1D")));
        String review = "/hunting/results/" + id + "/take-action/review";

        HttpResponse<String> none = admin.postHtmx(review, fields(choice("0", "Nothing " + run)));
        assertThat(none.statusCode()).isEqualTo(422);
        assertThat(none.body()).contains("choose at least one action").contains("value=\"Nothing " + run + "\"");

        HttpResponse<String> noName = admin.postHtmx(review, fields(choice("0", "", "types", "ISOLATE_DEVICE")));
        assertThat(noName.statusCode()).isEqualTo(422);
        assertThat(noName.body()).contains("a remediation name is required");

        HttpResponse<String> noDevice = admin.postHtmx(review, fields("rows", "0", "name", "n", "description", "d",
                "col_file", "SHA1", "types", "STOP_AND_QUARANTINE_FILE"));
        assertThat(noDevice.statusCode()).isEqualTo(422);
        assertThat(noDevice.body()).contains("Stop and quarantine file needs the device column (the file is stopped on the devices the rows name)");

        HttpResponse<String> badHash = admin.postHtmx(review, fields(choice("0,3", "n", "types", "ADD_FILE_INDICATOR")));
        assertThat(badHash.statusCode()).isEqualTo(422);
        assertThat(badHash.body()).contains("row 4: 'not-a-hash' in SHA1 is not a SHA1 (40 hex digits) or SHA256 (64 hex digits)");

        HttpResponse<String> noMail = admin.postHtmx(review, fields(choice("3", "n", "types", "MOVE_EMAIL_TO_JUNK")));
        assertThat(noMail.statusCode()).isEqualTo(422);
        assertThat(noMail.body()).contains("no row has a value in NetworkMessageId and RecipientEmailAddress for Move to Junk");

        HttpResponse<String> unknownColumn = admin.postHtmx(review, fields("rows", "0", "name", "n", "description", "d",
                "col_device", "Nope", "types", "ISOLATE_DEVICE"));
        assertThat(unknownColumn.body()).contains("column 'Nope' is not in this result");

        HttpResponse<String> allUnticked = admin.postHtmx("/hunting/results/" + id + "/take-action",
                fields(choice("0", "n", "types", "ISOLATE_DEVICE", "reviewed", "1")));
        assertThat(allUnticked.statusCode()).isEqualTo(422);
        assertThat(allUnticked.body()).contains("every action was unticked; keep at least one");

        HttpResponse<String> badRows = admin.postHtmx(review, fields("rows", "0,x"));
        assertThat(badRows.statusCode()).isEqualTo(422);
        assertThat(badRows.body()).contains("rows: 'x' is not a row number");
    }

    @Test
    void scopedAnalyst_aDeviceOutsideTheirGroups_refusesTheWholeBatch() {
        WebSession eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        String id = resultId(eu.postHtmx("/hunting/run", fields("query", query(), "timespan", "P1D")));
        HttpResponse<String> refused = eu.postHtmx("/hunting/results/" + id + "/take-action",
                fields(choice("0,2", "Scoped " + run, "types", "ISOLATE_DEVICE")));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Isolate device on " + Seeded.id(f.usDevice()) + ": no device with id or name")
                // The review is shown again so the analyst can untick the refused target.
                .contains("name=\"keep\"");
        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("hta-it"));
        try {
            assertThat(actions.list(new ActionQuery(null, null, null, null, null, f.euUser(), ResponseAction.ADVANCED_HUNTING, null, null, null, null), 1, 50)
                    .items()).isEmpty();
        } finally {
            SecurityContextHolder.clearContext();
        }

        HttpResponse<String> own = eu.postHtmx("/hunting/results/" + id + "/take-action",
                fields(choice("0", "Scoped " + run, "types", "ISOLATE_DEVICE")));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("1 action requested");
    }

    @Test
    void permissions_readerGetsNoSelectionAnd403_alertsManagerMayScanButNotIsolate() {
        UserAccounts users = ctx.getBean(UserAccounts.class);
        String reader = "hta-reader-" + run, scanner = "hta-scanner-" + run;
        users.create(reader, "Reader", null, ScopeFixture.PASSWORD, List.of("security-reader"));
        users.create(scanner, "Scanner", null, ScopeFixture.PASSWORD, List.of());
        var role = ctx.getBean(RoleAdministration.class).create(new RoleAdministration.Input("hta alerts " + run, "alerts only",
                List.of("SECURITY_DATA_READ", "ALERTS_MANAGE"), Map.of()));
        ctx.getBean(RoleAssignments.class).create(role.id(), new RoleAssignments.Input("all", List.of(scanner), List.of(), List.of(), List.of()));

        WebSession r = WebSession.signIn(port, reader, ScopeFixture.PASSWORD);
        HttpResponse<String> ran = r.postHtmx("/hunting/run", fields("query", query(), "timespan", "P1D"));
        String rid = resultId(ran);
        assertThat(ran.body()).doesNotContain("take-action-btn").doesNotContain("sel-row");
        assertThat(r.postHtmx("/hunting/results/" + rid + "/take-action/form", fields("rows", "0")).statusCode()).isEqualTo(403);
        assertThat(r.postHtmx("/hunting/results/" + rid + "/take-action", fields(choice("0", "n", "types", "RUN_ANTIVIRUS_SCAN")))
                .statusCode()).isEqualTo(403);

        WebSession s = WebSession.signIn(port, scanner, ScopeFixture.PASSWORD);
        HttpResponse<String> mine = s.postHtmx("/hunting/run", fields("query", query(), "timespan", "P1D"));
        String sid = resultId(mine);
        assertThat(mine.body()).contains("id=\"take-action-btn\"");
        String form = s.postHtmx("/hunting/results/" + sid + "/take-action/form", fields("rows", "0")).body();
        assertThat(form).containsPattern("value=\"ISOLATE_DEVICE\"[^>]*disabled").doesNotContainPattern("value=\"RUN_ANTIVIRUS_SCAN\"[^>]*disabled");
        HttpResponse<String> isolate = s.postHtmx("/hunting/results/" + sid + "/take-action", fields(choice("0", "n", "types", "ISOLATE_DEVICE")));
        assertThat(isolate.statusCode()).isEqualTo(422);
        assertThat(isolate.body()).contains("your roles do not allow Isolate device");
        HttpResponse<String> scan = s.postHtmx("/hunting/results/" + sid + "/take-action", fields(choice("0", "n", "types", "RUN_ANTIVIRUS_SCAN")));
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
        // Another user's result is not there to act on.
        assertThat(s.postHtmx("/hunting/results/" + rid + "/take-action/form", fields("rows", "0")).body()).contains("This result is no longer kept");
    }

    @Test
    void oneMessageToTwoRecipients_isRemediatedInBothMailboxes() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String q = "datatable(NetworkMessageId:string, RecipientEmailAddress:string) ['two-" + run + "', 'a@corp.example', 'two-" + run + "', 'b@corp.example']";
        String id = resultId(admin.postHtmx("/hunting/run", fields("query", q, "timespan", "P1D")));
        HttpResponse<String> done = admin.postHtmx("/hunting/results/" + id + "/take-action", fields("rows", "0,1", "name", "Two " + run,
                "description", "d", "col_message", "NetworkMessageId", "col_recipient", "RecipientEmailAddress", "types", "MOVE_EMAIL_TO_JUNK"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("2 actions requested").contains("two-" + run + " to a@corp.example").contains("two-" + run + " to b@corp.example");
    }

    @Test
    void portalActions_runOnceTheBatchIsStored_andAScopedAnalystsIndicatorCoversTheirGroups() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String id = resultId(admin.postHtmx("/hunting/run", fields("query", query(), "timespan", "P1D")));
        HttpResponse<String> done = admin.postHtmx("/hunting/results/" + id + "/take-action", fields(choice("0", "Block " + run,
                "types", "ADD_FILE_INDICATOR", "indicatorAction", "BlockAndRemediate")));
        Matcher approval = Pattern.compile("(AH-[0-9A-Z]{8})").matcher(done.body());
        assertThat(approval.find()).as(done.body()).isTrue();
        List<ResponseAction> taken = batch(approval.group(1));
        assertThat(taken).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ActionStatus.COMPLETED);
            assertThat(a.resultSummary()).startsWith("Indicator ").contains(f.hash());
        });

        // The EU analyst may block (for their groups only) but not allow a file.
        WebSession eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        String mine = resultId(eu.postHtmx("/hunting/run", fields("query", query(), "timespan", "P1D")));
        HttpResponse<String> allow = eu.postHtmx("/hunting/results/" + mine + "/take-action", fields(choice("0", "Allow " + run,
                "types", "ADD_FILE_INDICATOR", "indicatorAction", "Allowed")));
        assertThat(allow.statusCode()).isEqualTo(422);
        assertThat(allow.body()).contains("allowing a file is for users who may act on every device");
        HttpResponse<String> block = eu.postHtmx("/hunting/results/" + mine + "/take-action", fields(choice("0", "EU block " + run,
                "types", "ADD_FILE_INDICATOR")));
        Matcher euApproval = Pattern.compile("(AH-[0-9A-Z]{8})").matcher(block.body());
        assertThat(euApproval.find()).as(block.body()).isTrue();
        assertThat(batch(euApproval.group(1))).singleElement().satisfies(a -> assertThat(a.parameter("deviceGroups")).isNotBlank());
    }
}
