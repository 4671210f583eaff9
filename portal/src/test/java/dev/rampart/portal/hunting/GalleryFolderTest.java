package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A team's query library folder joins the gallery: .kql files and markdown files with a KQL block, grouped by folder. */
class GalleryFolderTest {
    @Test
    void kqlAndMarkdownFiles_becomeGalleryQueries_inTheirFolders() throws Exception {
        Path root = Files.createTempDirectory("gallery");
        Files.createDirectories(root.resolve("Execution"));
        Files.createDirectories(root.resolve("Discovery"));
        Files.writeString(root.resolve("Execution/encoded.kql"), "// title: Encoded commands\n// description: base64 in command lines\n"
                + "DeviceProcessEvents\n| where ProcessCommandLine has \"-enc\"\n");
        Files.writeString(root.resolve("Discovery/net-use.md"), "# Net use enumeration\n\nFinds mapped shares.\n\n```kusto\n"
                + "DeviceProcessEvents | where FileName =~ \"net.exe\"\n```\n\nMore text.\n");
        Files.writeString(root.resolve("README.md"), "# About this library\n\nNo query here.\n");
        Files.writeString(root.resolve("notes.txt"), "DeviceInfo");
        Files.writeString(root.resolve("top.kql"), "DeviceInfo | take 1");

        List<HuntingQueries.GalleryQuery> q = HuntingQueries.loadGalleryDir(root);
        assertThat(q).extracting(HuntingQueries.GalleryQuery::title).containsExactly("Net use enumeration", "Encoded commands", "top");
        assertThat(q.get(0)).satisfies(g -> {
            assertThat(g.id()).isEqualTo("dir:Discovery/net-use.md");
            assertThat(g.folder()).isEqualTo("Discovery");
            assertThat(g.query()).isEqualTo("DeviceProcessEvents | where FileName =~ \"net.exe\"");
        });
        assertThat(q.get(1).description()).isEqualTo("base64 in command lines");
        assertThat(q.get(1).folder()).isEqualTo("Execution");
        assertThat(q.get(2).folder()).isEqualTo("Team library");
    }

    @Test
    void aMissingFolder_addsNothing() {
        assertThat(HuntingQueries.loadGalleryDir(Path.of("/nonexistent/gallery"))).isEmpty();
    }
}
