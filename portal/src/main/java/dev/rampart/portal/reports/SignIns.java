package dev.rampart.portal.reports;

import dev.rampart.portal.access.EventFilters;
import java.time.Instant;
import java.util.List;

/**
 * What the portal counts as a sign-in attempt and a failed sign-in, in one place so that Home, the Security report and
 * the Identities report give the same figure for the same days: a logon on a device (DeviceLogonEvents) or at a domain
 * controller (IdentityLogonEvents) whose ActionType is LogonSuccess or LogonFailed, and an Entra ID sign-in
 * (EntraIdSignInEvents), failed when its ErrorCode is neither 0 nor one of the {@link #ENTRA_INTERRUPTS} (codes that
 * ask for a further step, such as multifactor authentication, and usually precede a successful sign-in). Rows dated
 * after today are left out, as the daily charts have no place for them.
 */
public final class SignIns {
    /** The sentence shown beside every failed sign-in figure. */
    public static final String DEFINITION = "A failed sign-in is a failed logon on a device or at a domain controller, "
            + "or an Entra ID sign-in that ended with an error code other than an interrupt (such as a request for multifactor authentication).";

    /** Entra ID error codes that interrupt a sign-in for a further step rather than fail it. */
    public static final java.util.Set<Integer> ENTRA_INTERRUPTS = java.util.Set.of(50072, 50074, 50076, 50097, 50125, 50140, 50158, 16000);

    public static final String DEVICES = "Devices";
    public static final String DOMAIN_CONTROLLERS = "Domain controllers";
    public static final String ENTRA_ID = "Entra ID";

    private SignIns() {
    }

    /**
     * A subquery with one row per sign-in attempt since {@code since} in the reader's scope, with the columns
     * {@code Timestamp, src, account, failed, reason}; its parameters are appended to {@code params}. {@code account} is
     * the lower-cased UPN where the source has one, else the account name. Entra ID interrupts are not attempts: the
     * sign-in they interrupt is counted when it ends.
     */
    public static String attempts(EventFilters f, List<Object> params, Instant since) {
        String device = f.from("DeviceLogonEvents", params);
        Instant until = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        params.add(since);
        params.add(until);
        String identity = f.from("IdentityLogonEvents", params);
        params.add(since);
        params.add(until);
        String entra = f.from("EntraIdSignInEvents", params);
        params.add(since);
        params.add(until);
        String interrupts = ENTRA_INTERRUPTS.stream().sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return "(SELECT Timestamp, '" + DEVICES + "' src, lower(AccountName) account, ActionType = 'LogonFailed' failed, FailureReason reason FROM "
                + device + " s1 WHERE Timestamp >= ? AND Timestamp < ? AND ActionType IN ('LogonSuccess', 'LogonFailed') "
                + "UNION ALL SELECT Timestamp, '" + DOMAIN_CONTROLLERS + "', lower(coalesce(AccountUpn, AccountName)), ActionType = 'LogonFailed', FailureReason FROM "
                + identity + " s2 WHERE Timestamp >= ? AND Timestamp < ? AND ActionType IN ('LogonSuccess', 'LogonFailed') "
                + "UNION ALL SELECT Timestamp, '" + ENTRA_ID + "', lower(AccountUpn), coalesce(ErrorCode, 0) <> 0, " + entraReason() + " FROM "
                + entra + " s3 WHERE Timestamp >= ? AND Timestamp < ? AND coalesce(ErrorCode, 0) NOT IN (" + interrupts + "))";
    }

    /** The Entra ID error codes sign-in failures most often carry, named; any other code reads "Error code N". */
    private static String entraReason() {
        return "CASE WHEN coalesce(ErrorCode, 0) = 0 THEN NULL"
                + " WHEN ErrorCode = 50126 THEN 'Invalid username or password'"
                + " WHEN ErrorCode = 50053 THEN 'Account locked'"
                + " WHEN ErrorCode = 50057 THEN 'Account disabled'"
                + " WHEN ErrorCode = 50055 THEN 'Password expired'"
                + " WHEN ErrorCode = 500121 THEN 'Strong authentication failed'"
                + " WHEN ErrorCode = 53003 THEN 'Blocked by Conditional Access'"
                + " WHEN ErrorCode = 50034 THEN 'Account does not exist'"
                + " ELSE 'Error code ' || CAST(ErrorCode AS VARCHAR) END";
    }
}
