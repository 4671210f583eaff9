package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.portal.core.RampartProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external-data folder mapping and the allow-list: what may be read, and the refusal text. */
class ExternalDataFilesTest {
    @TempDir
    Path data;

    private ExternalDataFiles files(String... allow) {
        return new ExternalDataFiles(new RampartProperties(data, 0, null, 0, null), "", List.of(allow));
    }

    @Test
    void folder_servesByHostAndPath_thenByFileName_neverOutsideTheFolder() throws Exception {
        Path byHost = data.resolve("external-data/intel.example.org/lists");
        Files.createDirectories(byHost);
        Files.writeString(byHost.resolve("hashes.csv"), "by host");
        Files.writeString(data.resolve("external-data/drivers.json"), "by name");
        Files.writeString(data.resolve("secret.txt"), "outside");
        ExternalDataFiles f = files();
        assertThat(f.fetch(URI.create("https://intel.example.org/lists/hashes.csv"))).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("by host"));
        assertThat(f.fetch(URI.create("https://www.loldrivers.io/api/drivers.json"))).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("by name"));
        assertThat(f.fetch(URI.create("https://intel.example.org/../secret.txt"))).isEmpty();
        assertThat(f.fetch(URI.create("https://intel.example.org/lists/missing.csv"))).isEmpty();
    }

    @Test
    void allowList_matchesHostPortAndPathBoundaries_notTextPrefixes() {
        ExternalDataFiles f = files("https://intel.example.org/feeds", "http://10.1.2.3:8080/");
        assertThat(f.allowed(URI.create("https://intel.example.org/feeds"))).isTrue();
        assertThat(f.allowed(URI.create("https://INTEL.example.org/feeds/a.csv"))).isTrue();
        assertThat(f.allowed(URI.create("http://10.1.2.3:8080/x.tsv"))).isTrue();
        assertThat(f.allowed(URI.create("https://intel.example.org/feedsX/a.csv"))).isFalse();
        assertThat(f.allowed(URI.create("https://intel.example.org.evil.net/feeds/a.csv"))).isFalse();
        assertThat(f.allowed(URI.create("https://intel.example.org@evil.net/feeds/a.csv"))).isFalse();
        assertThat(f.allowed(URI.create("https://intel.example.org:8443/feeds/a.csv"))).isFalse();
        assertThat(f.allowed(URI.create("http://intel.example.org/feeds/a.csv"))).isFalse();
        assertThat(f.allowed(URI.create("https://intel.example.org/feeds/../admin"))).isFalse();
        assertThat(f.allowed(URI.create("https://intel.example.org/feeds/%2e%2e/admin"))).isFalse();
        assertThat(f.allowed(URI.create("file:///etc/passwd"))).isFalse();
    }

    @Test
    void allowList_entryThatIsNotAnHttpUrl_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> files("ftp://x.example/"))
                .hasMessageContaining("rampart.hunting.external-data-allow").hasMessageContaining("ftp://x.example/");
    }

    @Test
    void unlistedUrl_isRefusedAtCompileTime_namingTheUrlPositionAndSettings() {
        CompileOptions options = CompileOptions.defaults(Instant.parse("2025-01-01T00:00:00Z"))
                .withExternalData(files("https://intel.example.org/feeds/"));
        assertThatThrownBy(() -> KqlCompiler.compile(
                "let Feed = externaldata(Url: string)[@\"https://elsewhere.example.net/c2/urls.csv\"];\nFeed", options))
                .isInstanceOf(KqlException.class)
                .hasMessage("externaldata 'https://elsewhere.example.net/c2/urls.csv' is not available: queries do not read the internet"
                        + " (line 1, column 38). To allow it, an administrator puts 'urls.csv' in the external-data folder"
                        + " (rampart.hunting.external-data-dir) or adds https://elsewhere.example.net/ to rampart.hunting.external-data-allow.");
    }
}
