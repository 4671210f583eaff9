package dev.rampart.portal.response.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostShellTest {
    @TempDir
    Path root;

    private HostShell shell() throws Exception {
        Files.createDirectories(root.resolve("case/sub"));
        Files.writeString(root.resolve("case/evidence.txt"), "malicious payload");
        return new HostShell(root.resolve("case"), root.resolve("work"), List.of(root));
    }

    @Test
    void cdThenDir_listsTheNewFolderFoldersFirst() throws Exception {
        HostShell s = shell();
        assertThat(s.run("cd", List.of(".."), Map.of(), null, 60)).containsEntry("status", "completed");
        Map<String, Object> dir = s.run("dir", List.of("case"), Map.of(), null, 60);
        assertThat(dir.get("columns")).isEqualTo(List.of("Name", "Type", "Bytes", "Modified (UTC)"));
        assertThat(((List<?>) dir.get("rows")).stream().map(r -> (Object) ((List<?>) r).get(0)).toList()).containsExactly("sub", "evidence.txt");
        assertThat(s.cwd()).isEqualTo(root.toAbsolutePath().normalize());
    }

    @Test
    void cd_missingFolder_failsAndKeepsTheFolder() throws Exception {
        HostShell s = shell();
        Map<String, Object> r = s.run("cd", List.of("nowhere"), Map.of(), null, 60);
        assertThat(r).containsEntry("status", "failed");
        assertThat((String) r.get("error")).startsWith("no such file or folder: ").endsWith("nowhere");
        assertThat(s.cwd()).isEqualTo(root.resolve("case").toAbsolutePath().normalize());
    }

    @Test
    void fileinfo_reportsSizeAndTheSha256OfTheContent() throws Exception {
        Map<String, Object> r = shell().run("fileinfo", List.of("evidence.txt"), Map.of(), null, 60);
        List<?> row = (List<?>) ((List<?>) r.get("rows")).get(0);
        assertThat(row.get(6)).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("malicious payload".getBytes(StandardCharsets.UTF_8))));
        assertThat(row.get(1)).isEqualTo(17L);
    }

    @Test
    void getfile_uploadsTheBytes_findfileFindsByName() throws Exception {
        HostShell s = shell();
        Map<?, ?> file = (Map<?, ?>) s.run("getfile", List.of("evidence.txt"), Map.of(), null, 60).get("file");
        assertThat(new String(Base64.getDecoder().decode((String) file.get("contentBase64")), StandardCharsets.UTF_8)).isEqualTo("malicious payload");
        List<?> found = (List<?>) s.run("findfile", List.of("EVIDENCE.TXT"), Map.of(), null, 60).get("rows");
        assertThat(found).hasSize(1);
        assertThat((List<?>) s.run("findfile", List.of("*.TXT"), Map.of(), null, 60).get("rows")).hasSize(1);
        assertThat((List<?>) s.run("findfile", List.of("evidence.t?t"), Map.of(), null, 60).get("rows")).hasSize(1);
        assertThat((List<?>) s.run("findfile", List.of("evidence.t"), Map.of(), null, 60).get("rows")).isEmpty();
    }

    @Test
    void remediateFile_quarantines_undoRestores() throws Exception {
        HostShell s = shell();
        Path f = root.resolve("case/evidence.txt");
        assertThat(s.run("remediate", List.of("file", "evidence.txt"), Map.of(), null, 60)).containsEntry("status", "completed");
        assertThat(f).doesNotExist();
        assertThat(s.run("undo", List.of("file", "evidence.txt"), Map.of(), null, 60)).containsEntry("status", "completed");
        assertThat(f).hasContent("malicious payload");
        assertThat(s.run("undo", List.of("file", "evidence.txt"), Map.of(), null, 60)).containsEntry("status", "failed");
    }

    @Test
    void processes_filterByPid_findsThisJvm() throws Exception {
        long pid = ProcessHandle.current().pid();
        List<?> rows = (List<?>) shell().run("processes", List.of(String.valueOf(pid)), Map.of(), null, 60).get("rows");
        assertThat(rows).hasSize(1);
        assertThat(((List<?>) rows.get(0)).get(0)).isEqualTo(pid);
        assertThat((List<?>) shell().run("processes", List.of("java"), Map.of(), null, 60).get("rows")).isNotEmpty();
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs({org.junit.jupiter.api.condition.OS.LINUX, org.junit.jupiter.api.condition.OS.MAC})
    void run_scriptWithParameters_returnsItsOutput_andFailsOnNonZeroExit() throws Exception {
        HostShell s = shell();
        Map<String, String> script = Map.of("name", "hello.sh", "contentBase64",
                Base64.getEncoder().encodeToString("echo \"hello $1\"; ls\nexit $2\n".getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> ok = s.run("run", List.of("hello.sh"), Map.of("parameters", "world 0"), script, 60);
        assertThat(ok).containsEntry("status", "completed");
        assertThat((String) ok.get("output")).contains("hello world").contains("evidence.txt");
        Map<String, Object> bad = s.run("run", List.of("hello.sh"), Map.of("parameters", "x 3"), script, 60);
        assertThat(bad).containsEntry("status", "failed").containsEntry("error", "the script exited with code 3");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void connections_onLinux_listsThisJvmsListeningSocket() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0)) {
            Map<String, Object> r = shell().run("connections", List.of(), Map.of(), null, 60);
            assertThat(r).containsEntry("status", "completed");
            assertThat((List<?>) r.get("rows")).anySatisfy(row -> {
                assertThat(((List<?>) row).get(1).toString()).endsWith(":" + server.getLocalPort());
                assertThat(((List<?>) row).get(3)).isEqualTo("LISTEN");
                assertThat(((List<?>) row).get(4)).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
            });
        }
    }

    @Test
    void registry_onThisOs_failsWithTheReason() throws Exception {
        assertThat((String) shell().run("registry", List.of("HKLM\\Software"), Map.of(), null, 60).get("error"))
                .startsWith("the registry exists only on Windows");
    }
}
