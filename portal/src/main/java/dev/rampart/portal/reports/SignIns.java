package dev.rampart.portal.reports;

import dev.rampart.portal.access.EventFilters;
import java.time.Instant;
import java.util.List;

/**
 * What the portal counts as a sign-in attempt and a failed sign-in, in one place so that Home, the Security report and
 * the Identities report give the same figure for the same days: a logon on a device (DeviceLogonEvents) or at a domain
 * controller (IdentityLogonEvents) whose ActionType is LogonSuccess or LogonFailed, and an Entra ID sign-in
 * (EntraIdSignInEvents), failed when its ErrorCode is not 0.
 */
public final class SignIns {
    /** The sentence shown beside every failed sign-in figure. */
    public static final String DEFINITION = "A failed sign-in is a failed logon on a device or at a domain controller, "
            + "or an Entra ID sign-in that ended with an error code.";

    public static final String DEVICES = "Devices";
    public static final String DOMAIN_CONTROLLERS = "Domain controllers";
    public static final String ENTRA_ID = "Entra ID";

    private SignIns() {
    }

    /**
     * A subquery with one row per sign-in attempt since {@code since} in the reader's scope, with the columns
     * {@code Timestamp, src, account, failed, reason}; its parameters are appended to {@code params}. {@code account} is
     * the lower-cased UPN where the source has one, else the account name.
     */
    public static String attempts(EventFilters f, List<Object> params, Instant since) {
        String device = f.from("DeviceLogonEvents", params);
        params.add(since);
        String identity = f.from("IdentityLogonEvents", params);
        params.add(since);
        String entra = f.from("EntraIdSignInEvents", params);
        params.add(since);
        return "(SELECT Timestamp, '" + DEVICES + "' src, lower(AccountName) account, ActionType = 'LogonFailed' failed, FailureReason reason FROM "
                + device + " s1 WHERE Timestamp >= ? AND ActionType IN ('LogonSuccess', 'LogonFailed') "
                + "UNION ALL SELECT Timestamp, '" + DOMAIN_CONTROLLERS + "', lower(coalesce(AccountUpn, AccountName)), ActionType = 'LogonFailed', FailureReason FROM "
                + identity + " s2 WHERE Timestamp >= ? AND ActionType IN ('LogonSuccess', 'LogonFailed') "
                + "UNION ALL SELECT Timestamp, '" + ENTRA_ID + "', lower(AccountUpn), coalesce(ErrorCode, 0) <> 0, " + entraReason() + " FROM "
                + entra + " s3 WHERE Timestamp >= ?)";
    }

    /** The Entra ID error codes sign-in failures most often carry, named; any other code reads "Error code N". */
    private static String entraReason() {
        return "CASE WHEN coalesce(ErrorCode, 0) = 0 THEN NULL"
                + " WHEN ErrorCode = 50126 THEN 'Invalid username or password'"
                + " WHEN ErrorCode = 50053 THEN 'Account locked'"
                + " WHEN ErrorCode = 50057 THEN 'Account disabled'"
                + " WHEN ErrorCode = 50055 THEN 'Password expired'"
                + " WHEN ErrorCode IN (50074, 50076, 500121) THEN 'Strong authentication required or failed'"
                + " WHEN ErrorCode = 53003 THEN 'Blocked by Conditional Access'"
                + " WHEN ErrorCode = 50034 THEN 'Account does not exist'"
                + " ELSE 'Error code ' || CAST(ErrorCode AS VARCHAR) END";
    }
}
