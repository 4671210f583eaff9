package dev.rampart.portal.demo;

/**
 * Positions of the InitiatingProcess* column family in one table; {@link #fill} writes a process into them
 * consistently (hashes, version info, account, parent) wherever the table has the column.
 */
final class ProcCols {
    private final int acctDomain, acctName, acctSid, acctUpn, acctObjectId, integrity, elevation;
    private final int sha1, sha256, md5, fileName, fileSize, company, product, version, internal, original, description;
    private final int id, commandLine, created, folderPath, parentId, parentFileName, parentCreated, logonId;
    private final int sessionId, remoteSession, signerType, signatureStatus;

    ProcCols(Shape s) {
        String p = "InitiatingProcess";
        acctDomain = s.optional(p + "AccountDomain");
        acctName = s.optional(p + "AccountName");
        acctSid = s.optional(p + "AccountSid");
        acctUpn = s.optional(p + "AccountUpn");
        acctObjectId = s.optional(p + "AccountObjectId");
        integrity = s.optional(p + "IntegrityLevel");
        elevation = s.optional(p + "TokenElevation");
        sha1 = s.optional(p + "SHA1");
        sha256 = s.optional(p + "SHA256");
        md5 = s.optional(p + "MD5");
        fileName = s.optional(p + "FileName");
        fileSize = s.optional(p + "FileSize");
        company = s.optional(p + "VersionInfoCompanyName");
        product = s.optional(p + "VersionInfoProductName");
        version = s.optional(p + "VersionInfoProductVersion");
        internal = s.optional(p + "VersionInfoInternalFileName");
        original = s.optional(p + "VersionInfoOriginalFileName");
        description = s.optional(p + "VersionInfoFileDescription");
        id = s.optional(p + "Id");
        commandLine = s.optional(p + "CommandLine");
        created = s.optional(p + "CreationTime");
        folderPath = s.optional(p + "FolderPath");
        parentId = s.optional(p + "ParentId");
        parentFileName = s.optional(p + "ParentFileName");
        parentCreated = s.optional(p + "ParentCreationTime");
        logonId = s.optional(p + "LogonId");
        sessionId = s.optional(p + "SessionId");
        remoteSession = s.optional("IsInitiatingProcessRemoteSession");
        signerType = s.optional(p + "SignerType");
        signatureStatus = s.optional(p + "SignatureStatus");
    }

    void fill(Object[] r, Proc p) {
        Account a = p.account();
        Binary b = p.bin();
        set(r, acctDomain, a.domain());
        set(r, acctName, a.name());
        set(r, acctSid, a.sid());
        set(r, acctUpn, a.upn());
        set(r, acctObjectId, a.objectId());
        set(r, integrity, p.integrity());
        set(r, elevation, p.elevation());
        set(r, sha1, b.sha1());
        set(r, sha256, b.sha256());
        set(r, md5, b.md5());
        set(r, fileName, b.fileName());
        set(r, fileSize, b.size());
        set(r, company, b.company());
        set(r, product, b.product());
        set(r, version, b.version());
        set(r, internal, b.company() == null ? null : b.fileName());
        set(r, original, b.company() == null ? null : b.fileName());
        set(r, description, b.description());
        set(r, id, p.pid());
        set(r, commandLine, p.commandLine());
        set(r, created, p.created());
        set(r, folderPath, b.path());
        set(r, logonId, p.logonId());
        set(r, sessionId, p.sessionId());
        set(r, remoteSession, Boolean.FALSE);
        set(r, signerType, b.signer());
        set(r, signatureStatus, b.signer() == null ? null : b.company() == null ? "Unsigned" : "Valid");
        Proc parent = p.parent();
        if (parent != null) {
            set(r, parentId, parent.pid());
            set(r, parentFileName, parent.bin().fileName());
            set(r, parentCreated, parent.created());
        }
    }

    private static void set(Object[] r, int i, Object v) {
        if (i >= 0) {
            r[i] = v;
        }
    }
}
