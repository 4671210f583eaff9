package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.KqlCompiler;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GoHuntTest {
    static final String HOSTILE = "evil\" | where 1==1 // \\ \n' ; DROP";

    @ParameterizedTest
    @EnumSource(GoHunt.Entity.class)
    void query_compiles_andKeepsHostileValueAsOneLiteral(GoHunt.Entity entity) {
        String column = switch (entity) {
            case DEVICE -> "DeviceName";
            case ACCOUNT -> "AccountName";
            case FILE_HASH -> "SHA1";
            case IP -> "RemoteIP";
            case URL -> "RemoteUrl";
            case FILE_NAME -> "FileName";
            case EMAIL_MESSAGE -> "NetworkMessageId";
        };
        var compiled = KqlCompiler.compile(GoHunt.query(entity, column, HOSTILE), CompileOptions.defaults(Instant.now()));
        // The value travels only as a bind parameter (as is, lower-cased or regex-escaped), never in the SQL text.
        assertThat(compiled.parameters()).anySatisfy(p -> assertThat(String.valueOf(p).toLowerCase()).contains("evil"));
        assertThat(compiled.sql().toLowerCase()).doesNotContain("evil").doesNotContain("drop");
    }

    @Test
    void entityOf_knowsTheEntityColumns() {
        assertThat(GoHunt.entityOf("DeviceName")).contains(GoHunt.Entity.DEVICE);
        assertThat(GoHunt.entityOf("SHA256")).contains(GoHunt.Entity.FILE_HASH);
        assertThat(GoHunt.entityOf("ProcessCommandLine")).isEmpty();
    }

    @Test
    void accountByEmail_searchesMailAndSignIns() {
        assertThat(GoHunt.query(GoHunt.Entity.ACCOUNT, "RecipientEmailAddress", "a@b.example")).contains("EmailEvents").contains("IdentityLogonEvents");
    }
}
