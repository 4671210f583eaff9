package dev.rampart.portal.demo;

import java.util.List;

/**
 * What vulnerability management knows about the demo's software: real CVEs (identifiers, scores, publication dates,
 * exploitation status and the fixed release as published) matched to the exact versions the inventory installs, and
 * a small catalogue of secure-configuration checks per platform with how often the demo's devices fail them.
 */
final class Weaknesses {
    /** A CVE in {@code vendor/software} affecting the listed installed versions. */
    record Cve(String id, String vendor, String software, List<String> versions, double cvss, String published, boolean exploited,
               String description, String fix, String fixId) {
        String severity() {
            return cvss >= 9 ? "Critical" : cvss >= 7 ? "High" : cvss >= 4 ? "Medium" : "Low";
        }
    }

    /** A configuration check for one platform family; {@code failPercent} of its devices are not compliant. */
    record Check(String id, String platform, String name, String category, String subcategory, int impact, int failPercent,
                 String description, String risk, String remediation, boolean userImpact) {
    }

    private static final List<String> CHROME = List.of("127.0.6533.120", "120.0.6099.130");

    static final List<Cve> CVES = List.of(
        new Cve("CVE-2024-7971", "google", "chrome", CHROME, 8.8, "2024-08-21", true,
                "Type confusion in the V8 JavaScript engine lets a crafted web page corrupt the heap and run code in the renderer.",
                "Update Chrome to 128.0.6613.84 or later", "128.0.6613.84"),
        new Cve("CVE-2024-7965", "google", "chrome", CHROME, 8.8, "2024-08-21", true,
                "A flaw in V8's implementation lets a crafted web page corrupt heap memory.",
                "Update Chrome to 128.0.6613.84 or later", "128.0.6613.84"),
        new Cve("CVE-2024-0519", "google", "chrome", List.of("120.0.6099.130"), 8.8, "2024-01-16", true,
                "Out-of-bounds memory access in V8 reachable from a crafted web page; exploited before a fix shipped.",
                "Update Chrome to 120.0.6099.224 or later", "120.0.6099.224"),
        new Cve("CVE-2024-7971", "microsoft", "edge", List.of("127.0.2651.105"), 8.8, "2024-08-21", true,
                "The Chromium V8 type confusion also ships in Edge builds before 128.0.2739.42.",
                "Update Microsoft Edge to 128.0.2739.42 or later", "128.0.2739.42"),
        new Cve("CVE-2023-26369", "adobe", "acrobat_reader_dc", List.of("23.1.20093.0"), 7.8, "2023-09-13", true,
                "Out-of-bounds write while parsing a crafted PDF runs code as the user who opens it.",
                "Update Acrobat Reader to 23.006.20320 or later", "APSB23-34"),
        new Cve("CVE-2025-0411", "igor_pavlov", "7-zip", List.of("19.00", "23.01"), 7.0, "2025-01-25", true,
                "Files extracted from a nested archive lose the Mark-of-the-Web, so downloaded content runs without the usual warning.",
                "Update 7-Zip to 24.09 or later", "24.09"),
        new Cve("CVE-2023-49647", "zoom", "zoom", List.of("5.14.7.15877"), 8.8, "2024-01-12", false,
                "Improper access control in the Windows client lets a local user raise their privileges.",
                "Update Zoom Workplace to 5.16.10 or later", "5.16.10"),
        new Cve("CVE-2023-40031", "notepad++", "notepad++", List.of("8.4.6"), 7.8, "2023-08-25", false,
                "Heap buffer overflow when converting a crafted UTF-16 file can run code as the user.",
                "Update Notepad++ to 8.5.7 or later", "8.5.7"),
        new Cve("CVE-2023-22081", "oracle", "jre", List.of("8.0.3810.9"), 5.3, "2023-10-17", false,
                "A weakness in the JSSE component lets a remote attacker cause a partial denial of service over TLS.",
                "Update Java SE 8 to update 391 or later", "8u391"),
        new Cve("CVE-2022-41325", "vlc", "media_player", List.of("3.0.16"), 7.8, "2022-12-06", false,
                "Integer overflow in the VNC module when opening a crafted stream can run code.",
                "Update VLC media player to 3.0.18 or later", "3.0.18"),
        new Cve("CVE-2024-9680", "mozilla", "firefox", List.of("128.0.3"), 9.8, "2024-10-09", true,
                "Use-after-free in animation timelines lets web content run code in the content process; exploited in the wild.",
                "Update Firefox to 131.0.2 (or ESR 128.3.1) or later", "131.0.2"),
        new Cve("CVE-2023-24329", "python", "python", List.of("3.8.10"), 7.5, "2023-02-17", false,
                "urllib.parse accepts URLs starting with blanks, which slips past block lists that rely on it.",
                "Update Python to a release with the fix (3.8.17, 3.10.12 or later)", "3.8.17"),
        new Cve("CVE-2023-20867", "vmware", "tools", List.of("11.3.5.18557794"), 3.9, "2023-06-13", true,
                "A fully compromised ESXi host can skip guest authentication of host-to-guest operations.",
                "Update VMware Tools to 12.2.5 or later", "12.2.5"),
        new Cve("CVE-2023-20900", "vmware", "tools", List.of("11.3.5.18557794"), 7.5, "2023-08-31", false,
                "SAML token signature bypass in the guest authentication service lets a man-in-the-middle act as the guest user.",
                "Update VMware Tools to 12.3.0 or later", "12.3.0"),
        new Cve("CVE-2024-21410", "microsoft", "exchange_server_2019", List.of("15.2.1258.12"), 9.8, "2024-02-13", true,
                "NTLM credentials relayed to Exchange let an attacker act as the victim; fixed by Extended Protection in CU14.",
                "Install Exchange Server 2019 CU14", "KB5035606"),
        new Cve("CVE-2023-21529", "microsoft", "exchange_server_2019", List.of("15.2.1258.12"), 8.8, "2023-02-14", false,
                "An authenticated user can run code on the Exchange server through a crafted PowerShell remoting call.",
                "Install the February 2023 Exchange security update", "KB5023038"),
        new Cve("CVE-2024-6387", "openbsd", "openssh", List.of("8.9p1"), 8.1, "2024-07-01", false,
                "A signal handler race in sshd ('regreSSHion') can give an unauthenticated attacker code execution as root.",
                "Update OpenSSH to 9.8p1 or the distribution's patched package", "9.8p1"),
        new Cve("CVE-2023-38408", "openbsd", "openssh", List.of("8.9p1"), 9.8, "2023-07-20", false,
                "A forwarded ssh-agent can be made to load attacker-chosen PKCS#11 libraries and run their code.",
                "Update OpenSSH to 9.3p2 or the distribution's patched package", "9.3p2"),
        new Cve("CVE-2022-3602", "openssl", "openssl", List.of("3.0.2"), 7.5, "2022-11-01", false,
                "A crafted e-mail address in a certificate overflows a stack buffer during name-constraint checks.",
                "Update OpenSSL to 3.0.7 or later", "3.0.7"),
        new Cve("CVE-2023-0286", "openssl", "openssl", List.of("3.0.2"), 7.4, "2023-02-08", false,
                "Type confusion on X.400 addresses in GENERAL_NAME lets an attacker read memory or crash the process.",
                "Update OpenSSL to 3.0.8 or later", "3.0.8"),
        new Cve("CVE-2023-22809", "sudo_project", "sudo", List.of("1.9.9"), 7.8, "2023-01-18", false,
                "sudoedit honours extra arguments in editor variables, so a user allowed to edit one file can edit any.",
                "Update sudo to 1.9.12p2 or later", "1.9.12p2"),
        new Cve("CVE-2021-23017", "nginx", "nginx", List.of("1.18.0"), 7.7, "2021-06-01", false,
                "An off-by-one in the DNS resolver lets a spoofed DNS reply overwrite a byte of memory.",
                "Update nginx to 1.20.1 or later", "1.20.1"),
        new Cve("CVE-2024-44308", "apple", "safari", List.of("17.6"), 8.8, "2024-11-20", true,
                "Processing crafted web content in JavaScriptCore can run code; exploited on Intel-based Macs.",
                "Update Safari to 18.1.1 or later", "18.1.1"));

    static final List<Check> CHECKS = List.of(
        new Check("scid-2010", "Windows", "Update Microsoft Defender Antivirus definitions", "Security controls", "Antivirus", 9, 7,
                "Security intelligence should be no more than a day old.", "Outdated definitions miss current malware families.",
                "Trigger a definition update through Windows Update or the management tool.", false),
        new Check("scid-2012", "Windows", "Turn on real-time protection", "Security controls", "Antivirus", 9, 2,
                "Real-time protection scans files when they are opened or downloaded.", "With real-time protection off, malware runs unchecked.",
                "Turn on real-time protection in the antivirus policy.", false),
        new Check("scid-2090", "Windows", "Block credential stealing from the Windows local security authority subsystem",
                "Security controls", "Attack surface reduction", 7, 35,
                "The attack surface reduction rule blocks non-system processes from reading LSASS memory.",
                "Credential dumping tools read cached credentials from LSASS.", "Set the ASR rule to Block in the endpoint policy.", false),
        new Check("scid-2040", "Windows", "Turn on Microsoft Defender Firewall on all profiles", "Network", "Firewall", 8, 5,
                "The host firewall should be on for the domain, private and public profiles.", "An open host firewall exposes local services.",
                "Enable the firewall for every profile through Group Policy or Intune.", false),
        new Check("scid-2044", "Windows", "Disable the SMBv1 client and server", "Network", "SMB", 7, 12,
                "SMB version 1 is obsolete and should be removed.", "SMBv1 carries wormable remote-code-execution flaws.",
                "Remove the SMB1Protocol Windows feature.", true),
        new Check("scid-2096", "Windows", "Disable AutoPlay for all drives", "OS", "Devices", 4, 20,
                "AutoPlay should not run content from removable media.", "Removable media can start malware without the user acting.",
                "Set 'Turn off AutoPlay' to Enabled for all drives.", true),
        new Check("scid-2050", "Windows", "Encrypt the operating system drive with BitLocker", "Security controls", "BitLocker", 6, 15,
                "The system drive should be encrypted.", "A lost or stolen disk exposes its data.", "Turn on BitLocker with TPM protection.", false),
        new Check("scid-6001", "Linux", "Disable SSH root login", "OS", "SSH", 6, 40,
                "sshd should not accept logons as root.", "Direct root logons make password guessing pay off at once.",
                "Set PermitRootLogin no in sshd_config and reload sshd.", false),
        new Check("scid-6004", "Linux", "Limit SSH authentication attempts to four or fewer", "OS", "SSH", 4, 55,
                "sshd should drop a connection after a few failed attempts.", "Many attempts per connection speed up brute force.",
                "Set MaxAuthTries 4 in sshd_config.", false),
        new Check("scid-7001", "macOS", "Turn on FileVault", "Security controls", "Encryption", 7, 10,
                "The startup disk should be encrypted with FileVault.", "A lost laptop exposes its data.", "Enable FileVault through the MDM profile.", false),
        new Check("scid-7003", "macOS", "Turn on the application firewall", "Network", "Firewall", 5, 30,
                "The application firewall should block unsolicited incoming connections.", "Listening apps are reachable from the network.",
                "Enable the firewall in the MDM security profile.", false));

    private Weaknesses() {
    }
}
