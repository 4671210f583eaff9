package dev.rampart.portal.entities;

import dev.rampart.portal.entities.EventSql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.EventFilters;
import org.springframework.stereotype.Service;

/**
 * User accounts as the event store knows them: the latest IdentityInfo record, the devices they logged on to,
 * their sign-ins (directory and Entra ID) and cloud-app activity. An account is addressed by UPN, SAM account
 * name, object id or SID; pages use the UPN when one is known. Every read keeps to the caller's data scope.
 */
@Service
public class Identities {

    private final EventSql sql;
    private final DataScopes scopes;

    Identities(EventSql sql, DataScopes scopes) {
        this.sql = sql;
        this.scopes = scopes;
    }

    public record Overview(String upn, String accountName, String domain, String displayName, String objectId, String sid,
                           String department, String jobTitle, String city, String country, String riskLevel, Boolean enabled,
                           String groups, String roles, String environment, Instant lastSeen) {
    }

    /** The identity to show: the directory record when there is one, else only the name seen in device logons. */
    public record Account(String key, String accountName, String upn, String objectId, Optional<Overview> overview) {
    }

    public record DeviceUse(String deviceId, String deviceName, long logons, long failures, Instant lastLogon) {
    }

    public record SignIn(Instant time, String source, String result, String application, String device, String ip, String location) {
    }

    public record CloudActivity(Instant time, String application, String actionType, String object, String ip) {
    }

    public Optional<Account> resolve(String key) {
        String k = key.trim();
        EventFilters f = scopes.eventFilters();
        DeviceFilter.Sql directory = f.on("IdentityInfo");
        Optional<Row> info = sql.first("SELECT AccountUpn, AccountName, AccountDomain, AccountDisplayName, AccountObjectId, OnPremSid, Department, "
                + "JobTitle, City, Country, RiskLevel, IsAccountEnabled, array_to_string(CAST(GroupMembership AS VARCHAR[]), ', '), "
                + "array_to_string(CAST(AssignedRoles AS VARCHAR[]), ', '), IdentityEnvironment, Timestamp FROM IdentityInfo "
                + "WHERE (lower(AccountUpn) = lower(?) OR lower(AccountName) = lower(?) OR AccountObjectId = ? OR OnPremSid = ?) AND "
                + directory.sql() + " ORDER BY Timestamp DESC LIMIT 1", directory.after(k, k, k, k));
        if (info.isPresent()) {
            Row r = info.get();
            Object enabled = r.values()[11];
            Overview o = new Overview(r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.str(7), r.str(8), r.str(9),
                    r.str(10), enabled instanceof Boolean b ? b : null, r.str(12), r.str(13), r.str(14), r.time(15));
            String canonical = o.upn() != null ? o.upn() : o.accountName();
            return Optional.of(new Account(canonical, o.accountName(), o.upn(), o.objectId(), Optional.of(o)));
        }
        // Accounts without a directory record (local accounts, service accounts) still have device logons.
        DeviceFilter.Sql logons = f.on("DeviceLogonEvents");
        return sql.first("SELECT AccountName FROM DeviceLogonEvents WHERE (lower(AccountName) = lower(?) OR AccountSid = ?) AND " + logons.sql()
                        + " LIMIT 1", logons.after(k, k))
                .map(r -> new Account(r.str(0), r.str(0), null, null, Optional.empty()));
    }

    public List<DeviceUse> devices(Account a) {
        DeviceFilter.Sql logons = scopes.eventFilters().on("DeviceLogonEvents");
        return sql.rows("SELECT DeviceId, arg_max(DeviceName, Timestamp), count(*) FILTER (WHERE ActionType = 'LogonSuccess'), "
                        + "count(*) FILTER (WHERE ActionType = 'LogonFailed'), max(Timestamp) FROM DeviceLogonEvents "
                        + "WHERE lower(AccountName) = lower(?) AND " + logons.sql() + " GROUP BY DeviceId ORDER BY 5 DESC LIMIT 100",
                        logons.after(a.accountName()))
                .stream().map(r -> new DeviceUse(r.str(0), r.str(1), r.num(2), r.num(3), r.time(4))).toList();
    }

    /** Directory and Entra ID sign-ins, newest first. */
    public List<SignIn> signIns(Account a, int limit) {
        String upn = a.upn() == null ? "" : a.upn();
        EventFilters f = scopes.eventFilters();
        List<Object> params = new ArrayList<>(List.of(upn, a.accountName()));
        String identity = f.on("IdentityLogonEvents", params);
        params.add(upn);
        params.add(a.objectId() == null ? "" : a.objectId());
        String entra = f.on("EntraIdSignInEvents", params);
        params.add(Math.max(1, Math.min(limit, 500)));
        return sql.rows("SELECT * FROM ("
                        + "SELECT Timestamp, 'IdentityLogonEvents', ActionType || coalesce(' (' || FailureReason || ')', ''), Application, DeviceName, IPAddress, "
                        + "concat_ws(', ', Location, Isp) FROM IdentityLogonEvents WHERE (lower(AccountUpn) = lower(?) OR lower(AccountName) = lower(?)) AND " + identity
                        + " "
                        + "UNION ALL SELECT Timestamp, 'EntraIdSignInEvents', CASE WHEN ErrorCode = 0 THEN 'Success' ELSE 'Failure ' || ErrorCode END, "
                        + "Application, DeviceName, IPAddress, concat_ws(', ', City, Country) FROM EntraIdSignInEvents "
                        + "WHERE (lower(AccountUpn) = lower(?) OR AccountObjectId = ?) AND " + entra + ") ORDER BY 1 DESC LIMIT ?",
                        params.toArray())
                .stream().map(r -> new SignIn(r.time(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6))).toList();
    }

    public List<CloudActivity> cloudActivity(Account a, int limit) {
        if (a.objectId() == null) {
            return List.of();
        }
        DeviceFilter.Sql cloud = scopes.eventFilters().on("CloudAppEvents");
        List<Object> params = new ArrayList<>(List.of(a.objectId()));
        params.addAll(cloud.params());
        params.add(Math.max(1, Math.min(limit, 500)));
        return sql.rows("SELECT Timestamp, Application, ActionType, ObjectName, IPAddress FROM CloudAppEvents WHERE AccountObjectId = ? AND "
                        + cloud.sql() + " ORDER BY Timestamp DESC LIMIT ?", params.toArray())
                .stream().map(r -> new CloudActivity(r.time(0), r.str(1), r.str(2), r.str(3), r.str(4))).toList();
    }

}
