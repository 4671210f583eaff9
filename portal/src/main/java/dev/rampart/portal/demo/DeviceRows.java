package dev.rampart.portal.demo;

import java.time.LocalDateTime;

/**
 * Writes rows of the Device* tables. Callers describe what happened (process, connection, file, logon...) and
 * this class puts it into the right columns, filling the InitiatingProcess* family from the acting process so
 * lineage is consistent across tables. Columns not listed stay NULL.
 */
final class DeviceRows {
    private final Shapes s;
    private final RowSink sink;
    private final ProcCols procInit, netInit, fileInit, logonInit, regInit, imgInit, evInit;
    private final int[] pBase, nBase, fBase, lBase, rBase, iBase, eBase;
    // DeviceProcessEvents: the created process
    private final int pFile, pPath, pSha1, pSha256, pMd5, pSize, pCompany, pProduct, pVersion, pInternal, pOriginal,
            pDescription, pPid, pCmd, pIntegrity, pElevation, pCreated, pDomain, pName, pSid, pUpn, pObjectId, pLogonId,
            pReport, pSession, pRemote, pAdditional;
    private final int nRemoteIp, nRemotePort, nUrl, nLocalIp, nLocalPort, nProtocol, nLocalType, nRemoteType, nReport;
    private final int fFile, fPath, fSha1, fSha256, fMd5, fOriginUrl, fOriginIp, fPrevPath, fPrevFile, fSize, fReqProtocol,
            fReqIp, fReqPort, fReqName, fReqDomain, fReqSid, fShare, fReport;
    private final int lType, lDomain, lName, lSid, lProtocol, lFailure, lAdmin, lLogonId, lRemoteName, lRemoteIp,
            lRemoteType, lRemotePort, lReport, lAdditional;
    private final int rKey, rValueType, rValueName, rValueData, rReport;
    private final int iFile, iPath, iSha1, iSha256, iMd5, iSize, iReport;
    private final int eFile, ePath, eSha1, eSha256, eMd5, eDomain, eName, eSid, eRemoteUrl, eCmd, eRemoteIp, eRemotePort,
            eLocalIp, eReport, eAdditional, eRegKey, eRegValueName, eRegValueData;

    DeviceRows(Shapes s, RowSink sink) {
        this.s = s;
        this.sink = sink;
        procInit = new ProcCols(s.process);
        netInit = new ProcCols(s.network);
        fileInit = new ProcCols(s.file);
        logonInit = new ProcCols(s.logon);
        regInit = new ProcCols(s.registry);
        imgInit = new ProcCols(s.imageLoad);
        evInit = new ProcCols(s.events);
        pBase = base(s.process);
        nBase = base(s.network);
        fBase = base(s.file);
        lBase = base(s.logon);
        rBase = base(s.registry);
        iBase = base(s.imageLoad);
        eBase = base(s.events);
        Shape p = s.process;
        pFile = p.col("FileName");
        pPath = p.col("FolderPath");
        pSha1 = p.col("SHA1");
        pSha256 = p.col("SHA256");
        pMd5 = p.col("MD5");
        pSize = p.col("FileSize");
        pCompany = p.col("ProcessVersionInfoCompanyName");
        pProduct = p.col("ProcessVersionInfoProductName");
        pVersion = p.col("ProcessVersionInfoProductVersion");
        pInternal = p.col("ProcessVersionInfoInternalFileName");
        pOriginal = p.col("ProcessVersionInfoOriginalFileName");
        pDescription = p.col("ProcessVersionInfoFileDescription");
        pPid = p.col("ProcessId");
        pCmd = p.col("ProcessCommandLine");
        pIntegrity = p.col("ProcessIntegrityLevel");
        pElevation = p.col("ProcessTokenElevation");
        pCreated = p.col("ProcessCreationTime");
        pDomain = p.col("AccountDomain");
        pName = p.col("AccountName");
        pSid = p.col("AccountSid");
        pUpn = p.col("AccountUpn");
        pObjectId = p.col("AccountObjectId");
        pLogonId = p.col("LogonId");
        pReport = p.col("ReportId");
        pSession = p.col("CreatedProcessSessionId");
        pRemote = p.col("IsProcessRemoteSession");
        pAdditional = p.col("AdditionalFields");
        Shape n = s.network;
        nRemoteIp = n.col("RemoteIP");
        nRemotePort = n.col("RemotePort");
        nUrl = n.col("RemoteUrl");
        nLocalIp = n.col("LocalIP");
        nLocalPort = n.col("LocalPort");
        nProtocol = n.col("Protocol");
        nLocalType = n.col("LocalIPType");
        nRemoteType = n.col("RemoteIPType");
        nReport = n.col("ReportId");
        Shape f = s.file;
        fFile = f.col("FileName");
        fPath = f.col("FolderPath");
        fSha1 = f.col("SHA1");
        fSha256 = f.col("SHA256");
        fMd5 = f.col("MD5");
        fOriginUrl = f.col("FileOriginUrl");
        fOriginIp = f.col("FileOriginIP");
        fPrevPath = f.col("PreviousFolderPath");
        fPrevFile = f.col("PreviousFileName");
        fSize = f.col("FileSize");
        fReqProtocol = f.col("RequestProtocol");
        fReqIp = f.col("RequestSourceIP");
        fReqPort = f.col("RequestSourcePort");
        fReqName = f.col("RequestAccountName");
        fReqDomain = f.col("RequestAccountDomain");
        fReqSid = f.col("RequestAccountSid");
        fShare = f.col("ShareName");
        fReport = f.col("ReportId");
        Shape l = s.logon;
        lType = l.col("LogonType");
        lDomain = l.col("AccountDomain");
        lName = l.col("AccountName");
        lSid = l.col("AccountSid");
        lProtocol = l.col("Protocol");
        lFailure = l.col("FailureReason");
        lAdmin = l.col("IsLocalAdmin");
        lLogonId = l.col("LogonId");
        lRemoteName = l.col("RemoteDeviceName");
        lRemoteIp = l.col("RemoteIP");
        lRemoteType = l.col("RemoteIPType");
        lRemotePort = l.col("RemotePort");
        lReport = l.col("ReportId");
        lAdditional = l.col("AdditionalFields");
        Shape r = s.registry;
        rKey = r.col("RegistryKey");
        rValueType = r.col("RegistryValueType");
        rValueName = r.col("RegistryValueName");
        rValueData = r.col("RegistryValueData");
        rReport = r.col("ReportId");
        Shape i = s.imageLoad;
        iFile = i.col("FileName");
        iPath = i.col("FolderPath");
        iSha1 = i.col("SHA1");
        iSha256 = i.col("SHA256");
        iMd5 = i.col("MD5");
        iSize = i.col("FileSize");
        iReport = i.col("ReportId");
        Shape e = s.events;
        eFile = e.col("FileName");
        ePath = e.col("FolderPath");
        eSha1 = e.col("SHA1");
        eSha256 = e.col("SHA256");
        eMd5 = e.col("MD5");
        eDomain = e.col("AccountDomain");
        eName = e.col("AccountName");
        eSid = e.col("AccountSid");
        eRemoteUrl = e.col("RemoteUrl");
        eCmd = e.col("ProcessCommandLine");
        eRemoteIp = e.col("RemoteIP");
        eRemotePort = e.col("RemotePort");
        eLocalIp = e.col("LocalIP");
        eReport = e.col("ReportId");
        eAdditional = e.col("AdditionalFields");
        eRegKey = e.col("RegistryKey");
        eRegValueName = e.col("RegistryValueName");
        eRegValueData = e.col("RegistryValueData");
    }

    private static int[] base(Shape t) {
        return new int[] {t.col("Timestamp"), t.col("DeviceId"), t.col("DeviceName"), t.optional("ActionType")};
    }

    private static Object[] start(Shape t, int[] base, DemoDevice d, LocalDateTime ts, String action) {
        Object[] r = t.row();
        r[base[0]] = ts;
        r[base[1]] = d.deviceId();
        r[base[2]] = d.name();
        if (base[3] >= 0) {
            r[base[3]] = action;
        }
        return r;
    }

    /** A ProcessCreated row for {@code child}; its parent is the initiating process. */
    void processCreated(DemoDevice d, Proc child, long reportId) {
        Object[] r = start(s.process, pBase, d, child.created(), "ProcessCreated");
        Binary b = child.bin();
        r[pFile] = b.fileName();
        r[pPath] = b.path();
        r[pSha1] = b.sha1();
        r[pSha256] = b.sha256();
        r[pMd5] = b.md5();
        r[pSize] = b.size();
        r[pCompany] = b.company();
        r[pProduct] = b.product();
        r[pVersion] = b.version();
        if (b.company() != null) {
            r[pInternal] = b.fileName();
            r[pOriginal] = b.fileName();
        }
        r[pDescription] = b.description();
        r[pPid] = child.pid();
        r[pCmd] = child.commandLine();
        r[pIntegrity] = child.integrity();
        r[pElevation] = child.elevation();
        r[pCreated] = child.created();
        Account a = child.account();
        r[pDomain] = a.domain();
        r[pName] = a.name();
        r[pSid] = a.sid();
        r[pUpn] = a.upn();
        r[pObjectId] = a.objectId();
        r[pLogonId] = child.logonId();
        r[pReport] = reportId;
        r[pSession] = child.sessionId();
        r[pRemote] = Boolean.FALSE;
        r[pAdditional] = "{}";
        if (child.parent() != null) {
            procInit.fill(r, child.parent());
        }
        sink.accept(s.process, r);
    }

    void network(DemoDevice d, LocalDateTime ts, Proc p, String action, String remoteIp, int remotePort, String url,
                 int localPort, String protocol, long reportId) {
        Object[] r = start(s.network, nBase, d, ts, action);
        r[nRemoteIp] = remoteIp;
        r[nRemotePort] = remotePort;
        r[nUrl] = url;
        r[nLocalIp] = d.ip();
        r[nLocalPort] = localPort;
        r[nProtocol] = protocol;
        r[nLocalType] = "Private";
        r[nRemoteType] = ipType(remoteIp);
        r[nReport] = reportId;
        netInit.fill(r, p);
        sink.accept(s.network, r);
    }

    /** A file event; {@code hashes} may be null for documents and other files Defender does not hash. */
    void file(DemoDevice d, LocalDateTime ts, Proc p, String action, String fileName, String folderPath, Binary hashes,
              long size, String originUrl, String originIp, String previousFileName, String previousFolderPath, long reportId) {
        Object[] r = start(s.file, fBase, d, ts, action);
        r[fFile] = fileName;
        r[fPath] = folderPath;
        if (hashes != null) {
            r[fSha1] = hashes.sha1();
            r[fSha256] = hashes.sha256();
            r[fMd5] = hashes.md5();
        }
        r[fSize] = size;
        r[fOriginUrl] = originUrl;
        r[fOriginIp] = originIp;
        r[fPrevFile] = previousFileName;
        r[fPrevPath] = previousFolderPath;
        r[fReport] = reportId;
        fileInit.fill(r, p);
        sink.accept(s.file, r);
    }

    /** A file change made over SMB: Defender attributes it to System and names the remote requester and share. */
    void remoteFile(DemoDevice d, LocalDateTime ts, Proc system, String action, String fileName, String folderPath, long size,
                    Account requester, String requestIp, String share, String previousFileName, String previousFolderPath,
                    long reportId) {
        Object[] r = start(s.file, fBase, d, ts, action);
        r[fFile] = fileName;
        r[fPath] = folderPath;
        r[fSize] = size;
        r[fPrevFile] = previousFileName;
        r[fPrevPath] = previousFolderPath;
        r[fReqProtocol] = "SMB";
        r[fReqIp] = requestIp;
        r[fReqPort] = 49_152 + (int) Math.floorMod(reportId * 31, 16_000);
        r[fReqName] = requester.name();
        r[fReqDomain] = requester.domain();
        r[fReqSid] = requester.sid();
        r[fShare] = share;
        r[fReport] = reportId;
        fileInit.fill(r, system);
        sink.accept(s.file, r);
    }

    void logon(DemoDevice d, LocalDateTime ts, Proc p, String action, String logonType, Account account, String protocol,
               String failureReason, boolean localAdmin, String remoteDeviceName, String remoteIp, int remotePort,
               long logonId, long reportId) {
        Object[] r = start(s.logon, lBase, d, ts, action);
        r[lType] = logonType;
        r[lDomain] = account.domain();
        r[lName] = account.name();
        r[lSid] = account.sid();
        r[lProtocol] = protocol;
        r[lFailure] = failureReason;
        r[lAdmin] = localAdmin;
        r[lLogonId] = failureReason == null ? logonId : null;
        r[lRemoteName] = remoteDeviceName;
        r[lRemoteIp] = remoteIp;
        r[lRemoteType] = remoteIp == null ? null : ipType(remoteIp);
        r[lRemotePort] = remoteIp == null ? null : remotePort;
        r[lReport] = reportId;
        r[lAdditional] = "{}";
        if (p != null) {
            logonInit.fill(r, p);
        }
        sink.accept(s.logon, r);
    }

    void registry(DemoDevice d, LocalDateTime ts, Proc p, String action, String key, String valueName, String valueType,
                  String valueData, long reportId) {
        Object[] r = start(s.registry, rBase, d, ts, action);
        r[rKey] = key;
        r[rValueName] = valueName;
        r[rValueType] = valueType;
        r[rValueData] = valueData;
        r[rReport] = reportId;
        regInit.fill(r, p);
        sink.accept(s.registry, r);
    }

    void imageLoad(DemoDevice d, LocalDateTime ts, Proc p, Binary dll, long reportId) {
        Object[] r = start(s.imageLoad, iBase, d, ts, "ImageLoaded");
        r[iFile] = dll.fileName();
        r[iPath] = dll.path();
        r[iSha1] = dll.sha1();
        r[iSha256] = dll.sha256();
        r[iMd5] = dll.md5();
        r[iSize] = dll.size();
        r[iReport] = reportId;
        imgInit.fill(r, p);
        sink.accept(s.imageLoad, r);
    }

    /** A DeviceEvents row; {@code additionalFields} must be JSON text (or null for "{}"). */
    void event(DemoDevice d, LocalDateTime ts, Proc p, String action, Binary file, String fileName, String folderPath,
               Account account, String remoteUrl, String remoteIp, Integer remotePort, String commandLine,
               String additionalFields, long reportId) {
        Object[] r = start(s.events, eBase, d, ts, action);
        if (file != null) {
            r[eFile] = file.fileName();
            r[ePath] = file.path();
            r[eSha1] = file.sha1();
            r[eSha256] = file.sha256();
            r[eMd5] = file.md5();
        } else {
            r[eFile] = fileName;
            r[ePath] = folderPath;
        }
        if (account != null) {
            r[eDomain] = account.domain();
            r[eName] = account.name();
            r[eSid] = account.sid();
        }
        r[eRemoteUrl] = remoteUrl;
        r[eRemoteIp] = remoteIp;
        r[eRemotePort] = remotePort;
        r[eLocalIp] = remoteIp == null ? null : d.ip();
        r[eCmd] = commandLine;
        r[eReport] = reportId;
        r[eAdditional] = additionalFields == null ? "{}" : additionalFields;
        if (p != null) {
            evInit.fill(r, p);
        }
        sink.accept(s.events, r);
    }

    /** A DeviceEvents row about a registry or service change. */
    void registryEvent(DemoDevice d, LocalDateTime ts, Proc p, String action, String key, String valueName, String valueData,
                       String additionalFields, long reportId) {
        Object[] r = start(s.events, eBase, d, ts, action);
        r[eRegKey] = key;
        r[eRegValueName] = valueName;
        r[eRegValueData] = valueData;
        r[eReport] = reportId;
        r[eAdditional] = additionalFields == null ? "{}" : additionalFields;
        evInit.fill(r, p);
        sink.accept(s.events, r);
    }

    static String ipType(String ip) {
        if (ip.startsWith("10.") || ip.startsWith("192.168.") || ip.startsWith("172.16.")) {
            return "Private";
        }
        if (ip.startsWith("127.")) {
            return "Loopback";
        }
        return "Public";
    }
}
