package dev.rampart.portal.response.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.access.AutomationLevel;
import org.junit.jupiter.api.Test;

class FolderPolicyTest {
    @Test
    void full_remediatesEveryFolderAutomatically() {
        assertThat(FolderPolicy.forFile(AutomationLevel.FULL, "C:\\Windows\\System32\\evil.dll").automatic()).isTrue();
        assertThat(FolderPolicy.forFile(AutomationLevel.FULL, null).automatic()).isTrue();
    }

    @Test
    void none_andSemiAllFolders_alwaysWaitForApproval() {
        for (AutomationLevel l : new AutomationLevel[] {AutomationLevel.NONE, AutomationLevel.SEMI_ALL_FOLDERS}) {
            assertThat(FolderPolicy.forFile(l, "C:\\Users\\ann\\AppData\\Local\\Temp\\x.exe").automatic()).isFalse();
            assertThat(FolderPolicy.forFile(l, "D:\\Tools\\x.exe").automatic()).isFalse();
        }
    }

    @Test
    void semiCoreFolders_waitsForWindowsFolders_only() {
        var core = FolderPolicy.forFile(AutomationLevel.SEMI_CORE_FOLDERS, "C:\\Windows\\System32\\drivers\\bad.sys");
        assertThat(core.automatic()).isFalse();
        assertThat(core.reason()).contains("core (system) folder");
        assertThat(FolderPolicy.forFile(AutomationLevel.SEMI_CORE_FOLDERS, "c:\\windows").automatic()).isFalse();
        assertThat(FolderPolicy.forFile(AutomationLevel.SEMI_CORE_FOLDERS, "%SystemRoot%\\SysWOW64\\x.dll").automatic()).isFalse();
        assertThat(FolderPolicy.forFile(AutomationLevel.SEMI_CORE_FOLDERS, "C:\\Users\\ann\\Downloads\\invoice.exe").automatic()).isTrue();
        assertThat(FolderPolicy.forFile(AutomationLevel.SEMI_CORE_FOLDERS, "C:\\WindowsApps\\x.exe").automatic()).isTrue();
        // Windows\Temp is a temporary folder, not operating-system files.
        assertThat(FolderPolicy.forFile(AutomationLevel.SEMI_CORE_FOLDERS, "C:\\Windows\\Temp\\dropper.exe").automatic()).isTrue();
        assertThat(FolderPolicy.forFile(AutomationLevel.SEMI_CORE_FOLDERS, "/usr/bin/sshd").automatic()).isFalse();
    }

    @Test
    void semiNonTempFolders_remediatesTempFoldersAutomatically_andWaitsElsewhere() {
        for (String temp : new String[] {"C:\\Users\\ann\\AppData\\Local\\Temp\\7z1\\x.exe", "C:\\Windows\\Temp\\x.exe",
                "C:\\Users\\bob\\Downloads\\x.exe", "/tmp/payload", "\\\\?\\C:\\Users\\ann\\AppData\\Local\\Temp"}) {
            assertThat(FolderPolicy.forFile(AutomationLevel.SEMI_NON_TEMP_FOLDERS, temp).automatic()).as(temp).isTrue();
        }
        for (String other : new String[] {"C:\\Program Files\\App\\x.exe", "C:\\Users\\ann\\Documents\\x.exe", "C:\\Windows\\System32\\x.dll",
                "C:\\Users\\ann\\AppData\\Roaming\\x.exe"}) {
            assertThat(FolderPolicy.forFile(AutomationLevel.SEMI_NON_TEMP_FOLDERS, other).automatic()).as(other).isFalse();
        }
    }

    @Test
    void unknownFolder_waitsForApprovalUnderFolderBasedLevels() {
        assertThat(FolderPolicy.forFile(AutomationLevel.SEMI_CORE_FOLDERS, null).automatic()).isFalse();
        assertThat(FolderPolicy.forFile(AutomationLevel.SEMI_NON_TEMP_FOLDERS, " ").reason()).contains("folder unknown");
    }

    @Test
    void nonFileRemediation_runsAutomaticallyOnlyUnderFull() {
        assertThat(FolderPolicy.forOther(AutomationLevel.FULL).automatic()).isTrue();
        assertThat(FolderPolicy.forOther(AutomationLevel.SEMI_NON_TEMP_FOLDERS).automatic()).isFalse();
        assertThat(FolderPolicy.forOther(AutomationLevel.SEMI_CORE_FOLDERS).automatic()).isFalse();
    }
}
