package dev.rampart.portal.entities;

import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.entities.SearchIndex.Entry;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.Navigation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reads everything the global search can find: entities from the event store and the portal's pages. */
@Component
class EntityCatalog {
    /** Upper bound per entity kind, so one noisy table cannot blow up the index or its rebuild time. */
    static final int CAP = 200_000;
    private static final String DATA = Permission.SECURITY_DATA_READ.name();

    private final EventSql sql;
    private final Navigation navigation;
    private final DeviceGroupMembership membership;

    EntityCatalog(EventSql sql, Navigation navigation, DeviceGroupMembership membership) {
        this.sql = sql;
        this.navigation = navigation;
        this.membership = membership;
    }

    /** Changes whenever device group membership does, so the index is rebuilt with the new groups. */
    long membershipFingerprint() {
        DeviceGroupMembership.Snapshot s = membership.current();
        return s.groupOfDevice().hashCode() * 31L + s.groupsVersion();
    }

    List<Entry> entries() {
        return entries(SeenIn.Groups.of(membership.current()));
    }

    /** Entities with where they were seen ({@link SeenIn}), devices resolved to groups through {@code groups}. */
    List<Entry> entries(SeenIn.Groups groups) {
        List<Entry> out = new ArrayList<>();
        sql.rows("SELECT DeviceId, arg_max(DeviceName, Timestamp), arg_max(OSPlatform, Timestamp), count(*) FROM DeviceInfo GROUP BY DeviceId LIMIT ?", CAP)
                .forEach(r -> out.add(new Entry(SearchSections.DEVICE, r.str(0), r.str(1), r.str(2), r.num(3), DATA)));
        sql.rows("SELECT coalesce(arg_max(AccountUpn, Timestamp), arg_max(AccountName, Timestamp)), arg_max(AccountDisplayName, Timestamp), "
                        + "concat_ws(' · ', arg_max(AccountName, Timestamp), arg_max(Department, Timestamp)), list(DISTINCT " + SeenIn.marker("IdentityInfo")
                        + ") FROM IdentityInfo GROUP BY AccountObjectId LIMIT ?", CAP)
                .forEach(r -> out.add(new Entry(SearchSections.USER, r.str(0), r.str(1), r.str(2), 10, DATA, SeenIn.tokens(r.values()[3], groups))));
        // Local and service accounts have no directory record but are still users an analyst looks for.
        sql.rows("SELECT AccountName, count(*), list(DISTINCT " + SeenIn.marker("DeviceLogonEvents") + ") FROM DeviceLogonEvents l "
                        + "WHERE AccountName IS NOT NULL AND NOT EXISTS "
                        + "(SELECT 1 FROM IdentityInfo i WHERE lower(i.AccountName) = lower(l.AccountName)) GROUP BY AccountName LIMIT ?", CAP)
                .forEach(r -> out.add(new Entry(SearchSections.USER, r.str(0), r.str(0), "local or service account", 1, DATA,
                        SeenIn.tokens(r.values()[2], groups))));
        // The file sources are all endpoint tables keyed by DeviceId.
        sql.rows("SELECT coalesce(SHA1, any_value(SHA256)), arg_max(FileName, Timestamp), any_value(SHA256), count(DISTINCT DeviceId), list(DISTINCT "
                        + SeenIn.marker("DeviceProcessEvents") + ") FROM (" + Files.SOURCES + ") WHERE SHA1 IS NOT NULL GROUP BY SHA1 ORDER BY 4 DESC LIMIT ?", CAP)
                .forEach(r -> out.add(new Entry(SearchSections.FILE, r.str(0), r.str(1), r.str(2), r.num(3), DATA, SeenIn.tokens(r.values()[4], groups))));
        sql.rows("SELECT ip, sum(n), flatten(list(m)) FROM ("
                        + "SELECT RemoteIP ip, count(*) n, list(DISTINCT " + SeenIn.marker("DeviceNetworkEvents") + ") m FROM DeviceNetworkEvents WHERE RemoteIP IS NOT NULL GROUP BY 1 "
                        + "UNION ALL SELECT IPAddress, count(*), list(DISTINCT " + SeenIn.marker("EntraIdSignInEvents") + ") FROM EntraIdSignInEvents WHERE IPAddress IS NOT NULL GROUP BY 1 "
                        + "UNION ALL SELECT IPAddress, count(*), list(DISTINCT " + SeenIn.marker("IdentityLogonEvents") + ") FROM IdentityLogonEvents WHERE IPAddress IS NOT NULL GROUP BY 1"
                        + ") GROUP BY ip ORDER BY 2 DESC LIMIT ?", CAP)
                .forEach(r -> out.add(new Entry(SearchSections.IP, r.str(0), r.str(0), null, r.num(1), DATA, SeenIn.tokens(r.values()[2], groups))));
        sql.rows("SELECT h, sum(n), flatten(list(m)) FROM (SELECT " + Network.HOST + " h, count(*) n, list(DISTINCT " + SeenIn.marker("DeviceNetworkEvents")
                        + ") m FROM DeviceNetworkEvents WHERE RemoteUrl IS NOT NULL AND RemoteUrl <> '' GROUP BY 1 "
                        + "UNION ALL SELECT lower(UrlDomain), count(*), list(DISTINCT " + SeenIn.marker("EmailUrlInfo") + ") FROM EmailUrlInfo WHERE UrlDomain IS NOT NULL GROUP BY 1"
                        + ") WHERE h <> '' GROUP BY h ORDER BY 2 DESC LIMIT ?", CAP)
                .stream().filter(r -> Network.domainOf(r.str(0)).isPresent())
                .forEach(r -> out.add(new Entry(SearchSections.URL, r.str(0), r.str(0), null, r.num(1), DATA, SeenIn.tokens(r.values()[2], groups))));
        for (NavEntry e : navigation.all()) {
            out.add(new Entry(SearchSections.PAGE, e.path(), e.label(), e.group().label(), 1_000_000,
                    e.permission() == null ? null : e.permission().name()));
        }
        return out;
    }
}
