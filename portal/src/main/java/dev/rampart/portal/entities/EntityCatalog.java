package dev.rampart.portal.entities;

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

    EntityCatalog(EventSql sql, Navigation navigation) {
        this.sql = sql;
        this.navigation = navigation;
    }

    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        sql.rows("SELECT DeviceId, arg_max(DeviceName, Timestamp), arg_max(OSPlatform, Timestamp), count(*) FROM DeviceInfo GROUP BY DeviceId LIMIT ?", CAP)
                .forEach(r -> out.add(new Entry(SearchSections.DEVICE, r.str(0), r.str(1), r.str(2), r.num(3), DATA)));
        sql.rows("SELECT coalesce(arg_max(AccountUpn, Timestamp), arg_max(AccountName, Timestamp)), arg_max(AccountDisplayName, Timestamp), "
                        + "concat_ws(' · ', arg_max(AccountName, Timestamp), arg_max(Department, Timestamp)) FROM IdentityInfo GROUP BY AccountObjectId LIMIT ?", CAP)
                .forEach(r -> out.add(new Entry(SearchSections.USER, r.str(0), r.str(1), r.str(2), 10, DATA)));
        // Local and service accounts have no directory record but are still users an analyst looks for.
        sql.rows("SELECT AccountName, count(*) FROM DeviceLogonEvents l WHERE AccountName IS NOT NULL AND NOT EXISTS "
                        + "(SELECT 1 FROM IdentityInfo i WHERE lower(i.AccountName) = lower(l.AccountName)) GROUP BY AccountName LIMIT ?", CAP)
                .forEach(r -> out.add(new Entry(SearchSections.USER, r.str(0), r.str(0), "local or service account", 1, DATA)));
        sql.rows("SELECT coalesce(SHA1, any_value(SHA256)), arg_max(FileName, Timestamp), any_value(SHA256), count(DISTINCT DeviceId) FROM ("
                        + Files.SOURCES + ") WHERE SHA1 IS NOT NULL GROUP BY SHA1 ORDER BY 4 DESC LIMIT ?", CAP)
                .forEach(r -> out.add(new Entry(SearchSections.FILE, r.str(0), r.str(1), r.str(2), r.num(3), DATA)));
        sql.rows("SELECT ip, sum(n) FROM (SELECT RemoteIP ip, count(*) n FROM DeviceNetworkEvents WHERE RemoteIP IS NOT NULL GROUP BY 1 "
                        + "UNION ALL SELECT IPAddress, count(*) FROM EntraIdSignInEvents WHERE IPAddress IS NOT NULL GROUP BY 1 "
                        + "UNION ALL SELECT IPAddress, count(*) FROM IdentityLogonEvents WHERE IPAddress IS NOT NULL GROUP BY 1) GROUP BY ip ORDER BY 2 DESC LIMIT ?", CAP)
                .forEach(r -> out.add(new Entry(SearchSections.IP, r.str(0), r.str(0), null, r.num(1), DATA)));
        sql.rows("SELECT h, sum(n) FROM (SELECT " + Network.HOST + " h, count(*) n FROM DeviceNetworkEvents WHERE RemoteUrl IS NOT NULL AND RemoteUrl <> '' GROUP BY 1 "
                        + "UNION ALL SELECT lower(UrlDomain), count(*) FROM EmailUrlInfo WHERE UrlDomain IS NOT NULL GROUP BY 1) WHERE h <> '' GROUP BY h ORDER BY 2 DESC LIMIT ?", CAP)
                .stream().filter(r -> Network.domainOf(r.str(0)).isPresent())
                .forEach(r -> out.add(new Entry(SearchSections.URL, r.str(0), r.str(0), null, r.num(1), DATA)));
        for (NavEntry e : navigation.all()) {
            out.add(new Entry(SearchSections.PAGE, e.path(), e.label(), e.group().label(), 1_000_000,
                    e.permission() == null ? null : e.permission().name()));
        }
        return out;
    }
}
