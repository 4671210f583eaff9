package dev.rampart.portal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @TempDir
    Path dir;

    private SecretBox inDataDir(String configuredKey) {
        return new SecretBox(new RampartProperties(dir, 0, null, 0, null), configuredKey);
    }

    @Test
    void seal_thenOpen_givesTheSecretBack_andTheStoredTextDoesNotContainIt() {
        SecretBox box = inDataDir("");
        String sealed = box.seal("s3cr3t-value");
        assertThat(sealed).startsWith("v1:").doesNotContain("s3cr3t-value");
        assertThat(box.open(sealed)).contains("s3cr3t-value");
        assertThat(box.seal("s3cr3t-value")).as("a fresh nonce per seal").isNotEqualTo(sealed);
    }

    @Test
    void keyFile_isCreatedOwnerOnly_andReusedByTheNextStart() throws Exception {
        String sealed = inDataDir("").seal("x");
        Path key = dir.resolve("secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(inDataDir("").open(sealed)).contains("x");
    }

    @Test
    void valueSealedUnderAnotherKey_opensToNothing() {
        String sealed = new SecretBox("first-installation-key-0123456789abcdef").seal("x");
        assertThat(new SecretBox("other-installation-key-0123456789abcdef").open(sealed)).isEmpty();
        assertThat(new SecretBox("first-installation-key-0123456789abcdef").open(sealed)).contains("x");
    }

    @Test
    void configuredKey_winsOverTheKeyFile_andEveryNodeWithItOpensTheValue() {
        String key = "shared-by-every-node-0123456789abcdef";
        String sealed = inDataDir(key).seal("x");
        assertThat(Files.exists(dir.resolve("secret.key"))).isFalse();
        assertThat(new SecretBox(key).open(sealed)).contains("x");
    }

    @Test
    void valueStoredBeforeSealing_isReadAsItIs() {
        assertThat(new SecretBox("some-installation-key-0123456789abcdef").open("plain-old")).contains("plain-old");
        assertThat(SecretBox.isSealed("plain-old")).isFalse();
    }

    @Test
    void shortConfiguredKey_isRefusedNamingTheSetting() {
        assertThatThrownBy(() -> inDataDir("too-short")).hasMessageContaining("rampart.secret-key").hasMessageContaining("32");
    }
}
