package dev.rampart.portal.ingest.format;

import java.util.Map;

/**
 * Windows Security audit events with no Defender table of their own (object access, policy, directory, certificate
 * services, firewall audit...). The Windows mapper stores each as a {@code DeviceEvents} row with the ActionType named
 * here, subject and process in the {@code InitiatingProcess*} columns, target account in {@code Account*} and every
 * other event field under its own name in {@code AdditionalFields}; the Sigma compiler routes rules on these event
 * ids to the same rows. The names are Rampart's, not Defender's (Defender does not collect these events).
 */
public final class SecurityAuditEvents {
    /** Event id → ActionType of the {@code DeviceEvents} row. */
    public static final Map<Integer, String> ACTIONS = Map.ofEntries(
            Map.entry(4611, "LogonProcessRegistered"), Map.entry(4616, "SystemTimeChanged"),
            Map.entry(4649, "ReplayAttackDetected"), Map.entry(4656, "ObjectHandleRequested"),
            Map.entry(4657, "RegistryValueModifiedAudit"), Map.entry(4661, "DirectoryObjectHandleRequested"),
            Map.entry(4663, "ObjectAccessAttempted"), Map.entry(4670, "ObjectPermissionsChanged"),
            Map.entry(4673, "SensitivePrivilegeUsed"), Map.entry(4674, "PrivilegedObjectOperation"),
            Map.entry(4692, "DataProtectionMasterKeyBackup"), Map.entry(4701, "ScheduledTaskDisabled"),
            Map.entry(4704, "UserRightAssigned"), Map.entry(4706, "DomainTrustCreated"),
            Map.entry(4719, "AuditPolicyChanged"), Map.entry(4727, "SecurityGroupCreated"),
            Map.entry(4730, "SecurityGroupDeleted"), Map.entry(4741, "ComputerAccountCreated"),
            Map.entry(4742, "ComputerAccountChanged"), Map.entry(4765, "SidHistoryAdded"),
            Map.entry(4781, "UserAccountNameChanged"), Map.entry(4794, "DsrmPasswordSetAttempted"),
            Map.entry(4799, "LocalGroupMembershipEnumerated"), Map.entry(4800, "WorkstationLocked"),
            Map.entry(4825, "RemoteDesktopAccessDenied"), Map.entry(4886, "CertificateRequestReceived"),
            Map.entry(4887, "CertificateIssued"), Map.entry(4898, "CertificateTemplateLoaded"),
            Map.entry(4899, "CertificateTemplateUpdated"), Map.entry(4904, "SecurityEventSourceRegistered"),
            Map.entry(5038, "CodeIntegrityInvalidImageHash"), Map.entry(5136, "DirectoryObjectModified"),
            Map.entry(5156, "FirewallConnectionAllowed"), Map.entry(5157, "FirewallConnectionBlocked"),
            Map.entry(5379, "CredentialManagerCredentialsRead"), Map.entry(5441, "FirewallFilterPresentAtStart"),
            Map.entry(5447, "FirewallFilterChanged"), Map.entry(6416, "ExternalDeviceRecognized"),
            Map.entry(6423, "DeviceInstallationBlocked"));

    private SecurityAuditEvents() {
    }
}
