package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.hunting.HuntingFunctions.InvalidFunctionException;
import dev.rampart.portal.hunting.HuntingFunctions.SavedFunction;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Saved functions: checked when saved, called by name from hunting queries, private or shared, changed by the owner only. */
class HuntingFunctionsIT extends AbstractPortalIT {
    @Autowired
    HuntingFunctions functions;
    @Autowired
    HuntingService hunting;
    @Autowired
    dev.rampart.portal.access.UserAccounts accounts;

    String signInAs(String user) {
        if (!accounts.exists(user)) {
            accounts.create(user, user, null, "hunting-functions-pw-1234", List.of("security-reader"));
        }
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(user, "n/a",
                List.of(new SimpleGrantedAuthority("PERM_SECURITY_DATA_READ"))));
        return user;
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static String unique(String p) {
        return p + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
    }

    long save(String user, String name, String parameters, String body, boolean shared) {
        return functions.save(user, 0, name, null, null, parameters, body, shared, hunting.visibleSchema());
    }

    @Test
    void savedFunction_isCalledByNameWithArgumentsAndDefaults() {
        String alice = signInAs(unique("alice"));
        String fn = unique("Platform_");
        long id = save(alice, fn, "os:string, n:long = 3", "DeviceInfo\n| where OSPlatform != os\n| take n | project DeviceName, OSPlatform", false);

        SavedFunction saved = functions.find(alice, id).orElseThrow();
        assertThat(saved.returns()).isEqualTo("table (DeviceName:string, OSPlatform:string)");
        assertThat(saved.folder()).isEqualTo("My functions");
        assertThat(saved.signature()).isEqualTo(fn + "(os:string, n:long = 3)");

        HuntingResult r = hunting.run(fn + "('none') | count", "P30D", null, "portal");
        assertThat(r.rows()).hasSize(1);
        assertThat(((Number) r.rows().get(0)[0]).longValue()).isBetween(0L, 3L);
        HuntingResult one = hunting.run(fn + "(n = 1, os = 'none')", "P30D", null, "portal");
        assertThat(one.rows().size()).isLessThanOrEqualTo(1);
        assertThat(one.columns()).extracting(c -> c.name()).containsExactly("DeviceName", "OSPlatform");
    }

    @Test
    void scalarFunction_isUsableInsideAQuery() {
        String u = signInAs(unique("sc"));
        String fn = unique("Shout_");
        long id = save(u, fn, "s:string", "strcat(toupper(s), '!')", false);
        assertThat(functions.find(u, id).orElseThrow().returns()).isEqualTo("string");
        HuntingResult r = hunting.run("print x = " + fn + "('hi')", null, null, "portal");
        assertThat(r.rows().get(0)[0]).isEqualTo("HI!");
    }

    @Test
    void privateFunction_isInvisibleToOthers_sharedOneIsCallableButOnlyTheOwnerChangesIt() {
        String alice = signInAs(unique("alice"));
        String mine = unique("Mine_");
        String team = unique("Team_");
        long mineId = save(alice, mine, "", "DeviceInfo | take 1", false);
        long teamId = save(alice, team, "", "DeviceInfo | take 2 | project DeviceName", true);

        String bob = signInAs(unique("bob"));
        assertThat(functions.visibleTo(bob)).extracting(SavedFunction::id).contains(teamId).doesNotContain(mineId);
        assertThatThrownBy(() -> hunting.run(mine + " | count", null, null, "portal"))
                .isInstanceOf(HuntingException.class).hasMessageContaining("Unknown table '" + mine + "'");
        assertThat(hunting.run(team + " | count", null, null, "portal").rows()).hasSize(1);
        assertThatThrownBy(() -> functions.delete(bob, teamId)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> functions.save(bob, teamId, team, null, null, "", "DeviceInfo", true, hunting.visibleSchema()))
                .isInstanceOf(AccessDeniedException.class);

        // Bob's own function of the same name wins over the shared one for his queries.
        save(bob, team, "", "print Mine = 'bob'", false);
        assertThat(hunting.run(team, null, null, "portal").rows().get(0)[0]).isEqualTo("bob");

        signInAs(alice);
        functions.save(alice, teamId, team, "Team", "v2", "", "DeviceInfo | take 1 | project DeviceName", true, hunting.visibleSchema());
        assertThat(functions.find(alice, teamId)).hasValueSatisfying(f -> {
            assertThat(f.description()).isEqualTo("v2");
            assertThat(f.folder()).isEqualTo("Team");
        });
        functions.delete(alice, mineId);
        assertThat(functions.visibleTo(alice)).extracting(SavedFunction::id).doesNotContain(mineId);
    }

    @Test
    void invalidInput_namesTheFieldAndThePosition() {
        String u = signInAs(unique("carol"));
        assertField(() -> save(u, " ", "", "DeviceInfo", false), "name", "Give the function a name.");
        assertField(() -> save(u, "count", "", "DeviceInfo", false), "name", "'count' is already a table, built-in function or keyword");
        assertField(() -> save(u, "DeviceInfo", "", "DeviceInfo", false), "name", "'DeviceInfo' is already a table");
        assertField(() -> save(u, "my-fn", "", "DeviceInfo", false), "name", "A function name is a letter");
        assertField(() -> save(u, unique("F_"), "os string", "DeviceInfo", false), "parameters",
                "Parameters: Expected ':' and the parameter type but found 'string' (line 1, column 4).");
        assertField(() -> save(u, unique("F_"), "T:(*)", "T", false), "parameters", "Parameters: Parameter 'T' takes a table of any schema");
        assertField(() -> save(u, unique("F_"), "", "DeviceInfo\n| where Nope == 1", false), "body", "Unknown column 'Nope' (line 2, column 9).");
        assertField(() -> save(u, unique("F_"), "", "  ", false), "body", "The function body is empty");

        String name = unique("Twice_");
        save(u, name, "", "DeviceInfo | take 1", false);
        assertField(() -> save(u, name, "", "DeviceInfo | take 2", false), "name", "You already have a function named " + name);
        assertThat(functions.visibleTo(u)).filteredOn(f -> f.name().equals(name)).hasSize(1);
    }

    @Test
    void sharing_refusesANameAnotherUserAlreadyShares() {
        String alice = signInAs(unique("alice"));
        String name = unique("Common_");
        save(alice, name, "", "DeviceInfo | take 1", true);
        String dave = signInAs(unique("dave"));
        assertField(() -> save(dave, name, "", "DeviceInfo | take 1", true), "name", alice + " already shares a function named " + name);
    }

    @Test
    void functionCallingItself_isRefusedWhenSaved() {
        String u = signInAs(unique("erin"));
        String name = unique("Loop_");
        long id = save(u, name, "", "DeviceInfo | take 1", false);
        assertThatThrownBy(() -> functions.save(u, id, name, null, null, "", name + " | take 1", false, hunting.visibleSchema()))
                .isInstanceOfSatisfying(InvalidFunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("body");
                    assertThat(e.getMessage()).contains("call each other too deeply");
                });
    }

    static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidFunctionException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(message);
        });
    }

    @Test
    void sharedFunction_mayCallOnlySharedOnes_andAnEditThatBreaksACallerIsRefused() {
        String u = signInAs(unique("frank"));
        String priv = unique("Priv_");
        String base = unique("Base_");
        String top = unique("Top_");
        save(u, priv, "", "DeviceInfo | take 1", false);
        assertField(() -> save(u, unique("S_"), "", priv + " | take 1", true), "body", "Unknown table '" + priv + "'");

        long baseId = save(u, base, "", "DeviceInfo | project DeviceName, OSPlatform", true);
        save(u, top, "", base + " | project DeviceName", true);
        assertThatThrownBy(() -> functions.save(u, baseId, base, null, null, "", "DeviceInfo | project OSPlatform", true, hunting.visibleSchema()))
                .isInstanceOfSatisfying(InvalidFunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("body");
                    assertThat(e.getMessage()).startsWith("This change would break what calls " + base + ": shared function " + top + ":")
                            .contains("Unknown column 'DeviceName'");
                });
        assertThatThrownBy(() -> functions.delete(u, baseId)).hasMessageContaining("shared function " + top + " calls it");
        functions.save(u, baseId, base, null, null, "", "DeviceInfo | project DeviceName, OSPlatform, DeviceId", true, hunting.visibleSchema());
    }

    @Test
    void tableParameter_withDeclaredColumns_takesTheRowsPipedIn() {
        String u = signInAs(unique("gina"));
        String fn = unique("ByOs_");
        long id = save(u, fn, "T:(OSPlatform:string), n:long = 5", "T | summarize Devices = count() by OSPlatform | top n by Devices", false);
        assertThat(functions.find(u, id).orElseThrow().returns()).isEqualTo("table (OSPlatform:string, Devices:long)");
        HuntingResult r = hunting.run("DeviceInfo | invoke " + fn + "()", "P30D", null, "portal");
        assertThat(r.columns()).extracting(c -> c.name()).containsExactly("OSPlatform", "Devices");
    }
}
