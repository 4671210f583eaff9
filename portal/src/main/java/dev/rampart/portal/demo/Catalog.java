package dev.rampart.portal.demo;

/** The executables and libraries seen on the simulated estate, with their real install paths and version resources. */
final class Catalog {
    private static final String MS = "Microsoft Corporation";
    private static final String WIN = "Microsoft® Windows® Operating System";
    private static final String WV = "10.0.22621.3880";
    private static final String S32 = "C:\\Windows\\System32\\";
    private static final String OFFICE = "C:\\Program Files\\Microsoft Office\\root\\Office16\\";

    static final Binary SMSS = win("smss.exe", "Windows Session Manager");
    static final Binary WININIT = win("wininit.exe", "Windows Start-Up Application");
    static final Binary WINLOGON = win("winlogon.exe", "Windows Logon Application");
    static final Binary SERVICES = win("services.exe", "Services and Controller app");
    static final Binary LSASS = win("lsass.exe", "Local Security Authority Process");
    static final Binary SVCHOST = win("svchost.exe", "Host Process for Windows Services");
    static final Binary USERINIT = win("userinit.exe", "Userinit Logon Application");
    static final Binary EXPLORER = Binary.of("C:\\Windows\\explorer.exe", MS, WIN, WV, "Windows Explorer");
    static final Binary SIHOST = win("sihost.exe", "Shell Infrastructure Host");
    static final Binary TASKHOSTW = win("taskhostw.exe", "Host Process for Windows Tasks");
    static final Binary RUNTIMEBROKER = win("RuntimeBroker.exe", "Runtime Broker");
    static final Binary SEARCHPROTOCOL = win("SearchProtocolHost.exe", "Microsoft Windows Search Protocol Host");
    static final Binary CONHOST = win("conhost.exe", "Console Window Host");
    static final Binary CMD = win("cmd.exe", "Windows Command Processor");
    static final Binary POWERSHELL = Binary.of(S32 + "WindowsPowerShell\\v1.0\\powershell.exe", MS, WIN, WV, "Windows PowerShell");
    static final Binary WMIPRVSE = Binary.of(S32 + "wbem\\WmiPrvSE.exe", MS, WIN, WV, "WMI Provider Host");
    static final Binary WMIC = Binary.of(S32 + "wbem\\WMIC.exe", MS, WIN, WV, "WMI Commandline Utility");
    static final Binary DLLHOST = win("dllhost.exe", "COM Surrogate");
    static final Binary RUNDLL32 = win("rundll32.exe", "Windows host process (Rundll32)");
    static final Binary GPUPDATE = win("gpupdate.exe", "Microsoft® Windows Group Policy Update Utility");
    static final Binary MOUSO = win("MoUsoCoreWorker.exe", "MoUSO Core Worker Process");
    static final Binary COMPATTEL = win("CompatTelRunner.exe", "Microsoft Compatibility Telemetry");
    static final Binary SCHTASKS = win("schtasks.exe", "Task Scheduler Configuration Tool");
    static final Binary WHOAMI = win("whoami.exe", "whoami - displays logged on user information");
    static final Binary IPCONFIG = win("ipconfig.exe", "IP Configuration Utility");
    static final Binary NET = win("net.exe", "Net Command");
    static final Binary SC = win("sc.exe", "Service Control Manager Configuration Tool");
    static final Binary MSIEXEC = win("msiexec.exe", "Windows® installer");
    static final Binary VSSADMIN = win("vssadmin.exe", "Command Line Interface for Microsoft® Volume Shadow Copy Service");
    static final Binary BCDEDIT = win("bcdedit.exe", "Boot Configuration Data Editor");
    static final Binary WEVTUTIL = win("wevtutil.exe", "Eventing Command Line Utility");
    static final Binary MSTSC = win("mstsc.exe", "Remote Desktop Connection");
    static final Binary NOTEPAD = win("notepad.exe", "Notepad");
    static final Binary SYSTEM = new Binary("System", "System", null, null, null, 0, null, null, null, null, "OsVendor");
    static final Binary MSMPENG = Binary.of("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24080.9-0\\MsMpEng.exe",
            MS, "Microsoft® Windows® Operating System", "4.18.24080.9", "Antimalware Service Executable");
    static final Binary MSSENSE = Binary.of("C:\\Program Files\\Windows Defender Advanced Threat Protection\\MsSense.exe",
            MS, "Microsoft® Windows® Operating System", "10.8760.22621.1031", "Windows Defender Advanced Threat Protection Service Executable");
    static final Binary CHROME = Binary.of("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "Google LLC",
            "Google Chrome", "127.0.6533.120", "Google Chrome");
    static final Binary EDGE = Binary.of("C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", MS,
            "Microsoft Edge", "127.0.2651.105", "Microsoft Edge");
    static final Binary OUTLOOK = office("OUTLOOK.EXE", "Microsoft Outlook");
    static final Binary WINWORD = office("WINWORD.EXE", "Microsoft Word");
    static final Binary EXCEL = office("EXCEL.EXE", "Microsoft Excel");
    static final Binary POWERPNT = office("POWERPNT.EXE", "Microsoft PowerPoint");
    static final Binary TEAMS = Binary.of("C:\\Program Files\\WindowsApps\\MSTeams_24215.1007.3082.1590_x64__8wekyb3d8bbwe\\ms-teams.exe",
            MS, "Microsoft Teams", "24215.1007.3082.1590", "Microsoft Teams");
    static final Binary ONEDRIVE = Binary.of("C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe", MS, "Microsoft OneDrive",
            "24.151.0728.0003", "Microsoft OneDrive");
    static final Binary ACROBAT = Binary.of("C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe", "Adobe Inc.",
            "Adobe Acrobat", "24.2.20991.0", "Adobe Acrobat");
    static final Binary CODE = Binary.of("C:\\Program Files\\Microsoft VS Code\\Code.exe", MS, "Visual Studio Code",
            "1.92.2", "Visual Studio Code");
    static final Binary GIT = Binary.of("C:\\Program Files\\Git\\cmd\\git.exe", "The Git Development Community", "Git",
            "2.46.0.1", "Git for Windows");
    static final Binary SEVENZIP = Binary.of("C:\\Program Files\\7-Zip\\7zFM.exe", "Igor Pavlov", "7-Zip", "19.00",
            "7-Zip File Manager");
    static final Binary SQLSERVR = Binary.of("C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe",
            MS, "Microsoft SQL Server", "2019.150.4385.2", "SQL Server Windows NT - 64 Bit");
    static final Binary W3WP = Binary.of(S32 + "inetsrv\\w3wp.exe", MS, "Internet Information Services", WV, "IIS Worker Process");
    static final Binary DNS = win("dns.exe", "Domain Name System (DNS) Server");
    static final Binary DFSRS = win("dfsrs.exe", "Distributed File System Replication");
    static final Binary SPOOLSV = win("spoolsv.exe", "Spooler SubSystem App");
    static final Binary TRANSPORT = Binary.of("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\MSExchangeTransport.exe",
            MS, "Microsoft® Exchange", "15.2.1544.4", "MSExchangeTransport");
    static final Binary EDGETRANSPORT = Binary.of("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\EdgeTransport.exe",
            MS, "Microsoft® Exchange", "15.2.1544.4", "EdgeTransport");
    static final Binary PSEXESVC = Binary.of("C:\\Windows\\PSEXESVC.exe", "Sysinternals - www.sysinternals.com",
            "Sysinternals PsExec", "2.43", "PsExec Service");

    static final Binary SYSTEMD = linux("/usr/lib/systemd/systemd", "systemd");
    static final Binary CRON = linux("/usr/sbin/cron", "cron");
    static final Binary SH = linux("/usr/bin/dash", "dash");
    static final Binary BASH = linux("/usr/bin/bash", "bash");
    static final Binary SSHD = linux("/usr/sbin/sshd", "OpenSSH");
    static final Binary NGINX = linux("/usr/sbin/nginx", "nginx");
    static final Binary CURL = linux("/usr/bin/curl", "curl");
    static final Binary PYTHON = linux("/usr/bin/python3.10", "python3");
    static final Binary APT = linux("/usr/bin/apt-get", "apt");
    static final Binary DOCKERD = linux("/usr/bin/dockerd", "docker");
    static final Binary POSTGRES = linux("/usr/lib/postgresql/14/bin/postgres", "postgresql");
    static final Binary LOGROTATE = linux("/usr/sbin/logrotate", "logrotate");
    static final Binary KUBELET = linux("/usr/bin/kubelet", "kubelet");
    static final Binary SUDO = linux("/usr/bin/sudo", "sudo");

    static final Binary LAUNCHD = mac("/sbin/launchd", "launchd");
    static final Binary MAC_CHROME = mac("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "Google Chrome");
    static final Binary MAC_OUTLOOK = mac("/Applications/Microsoft Outlook.app/Contents/MacOS/Microsoft Outlook", "Microsoft Outlook");
    static final Binary MAC_TEAMS = mac("/Applications/Microsoft Teams.app/Contents/MacOS/MSTeams", "Microsoft Teams");
    static final Binary MAC_SAFARI = mac("/Applications/Safari.app/Contents/MacOS/Safari", "Safari");
    static final Binary MAC_ZSH = mac("/bin/zsh", "zsh");
    static final Binary MAC_MDWORKER = mac("/System/Library/Frameworks/CoreServices.framework/Versions/A/Frameworks/Metadata.framework/Versions/A/Support/mdworker_shared", "mdworker_shared");
    static final Binary MAC_SOFTWAREUPDATE = mac("/usr/sbin/softwareupdate", "softwareupdate");

    /** DLLs a Windows process loads; picked per event so DeviceImageLoadEvents has a realistic spread. */
    static final Binary[] DLLS = {
        win("ntdll.dll", "NT Layer DLL"), win("kernel32.dll", "Windows NT BASE API Client DLL"),
        win("KernelBase.dll", "Windows NT BASE API Client DLL"), win("user32.dll", "Multi-User Windows USER API Client DLL"),
        win("advapi32.dll", "Advanced Windows 32 Base API"), win("combase.dll", "Microsoft COM for Windows"),
        win("ole32.dll", "Microsoft OLE for Windows"), win("crypt32.dll", "Crypto API32"),
        win("bcrypt.dll", "Windows Cryptographic Primitives Library"), win("wininet.dll", "Internet Extensions for Win32"),
        win("winhttp.dll", "Windows HTTP Services"), win("ws2_32.dll", "Windows Socket 2.0 32-Bit DLL"),
        win("dnsapi.dll", "DNS Client API DLL"), win("shell32.dll", "Windows Shell Common Dll"),
        win("uxtheme.dll", "Microsoft UxTheme Library"), win("dwmapi.dll", "Microsoft Desktop Window Manager API"),
        win("rpcrt4.dll", "Remote Procedure Call Runtime"), win("sechost.dll", "Host for SCM/SDDL/LSA Lookup APIs"),
        win("msvcrt.dll", "Windows NT CRT DLL"), win("amsi.dll", "Anti-Malware Scan Interface"),
        win("wldp.dll", "Windows Lockdown Policy"), win("propsys.dll", "Microsoft Property System"),
        win("windows.storage.dll", "Microsoft WinRT Storage API"), win("mswsock.dll", "Microsoft Windows Sockets 2.0 Service Provider"),
    };
    static final Binary CLR = Binary.of("C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\clr.dll", MS,
            "Microsoft® .NET Framework", "4.8.9256.0", "Microsoft .NET Runtime Common Language Runtime - WorkStation");
    static final Binary SAMLIB = win("samlib.dll", "SAM Library DLL");
    static final Binary DBGHELP = win("dbghelp.dll", "Windows Image Helper");
    static final Binary COMSVCS = win("comsvcs.dll", "COM+ Services");

    private Catalog() {
    }

    private static Binary win(String name, String description) {
        return Binary.of(S32 + name, MS, WIN, WV, description);
    }

    private static Binary office(String name, String description) {
        return Binary.of(OFFICE + name, MS, "Microsoft Office", "16.0.17928.20114", description);
    }

    private static Binary linux(String path, String product) {
        return Binary.of(path, null, product, null, null);
    }

    private static Binary mac(String path, String product) {
        return Binary.of(path, "Apple Inc.", product, null, null);
    }
}
