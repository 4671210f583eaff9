package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void problem_acceptsALongPassphrase() {
        assertThat(PasswordPolicy.problem("purple tractor evening", "alice")).isEmpty();
    }

    @Test
    void problem_rejectsShortEmptyRepetitiveAndNameContaining() {
        assertThat(PasswordPolicy.problem("", "alice")).hasValue("Enter a password.");
        assertThat(PasswordPolicy.problem("elevenchars", "alice")).hasValueSatisfying(m -> assertThat(m).contains("at least 12"));
        assertThat(PasswordPolicy.problem("aaaaaaaaaaaaaaab", "alice")).hasValueSatisfying(m -> assertThat(m).contains("4 different"));
        assertThat(PasswordPolicy.problem("my-ALICE-password", "alice")).hasValueSatisfying(m -> assertThat(m).contains("user name"));
    }

    @Test
    void problem_rejectsMoreThanBcryptReads() {
        String seventyThree = "abcdefghij".repeat(7) + "xyz";
        assertThat(PasswordPolicy.problem(seventyThree, "bob")).hasValueSatisfying(m -> assertThat(m).contains("72 bytes"));
        assertThat(PasswordPolicy.problem(seventyThree.substring(1), "bob")).isEmpty();
    }
}
