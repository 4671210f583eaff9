package dev.rampart.portal.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The simulated company: sites, devices and accounts. Built deterministically from a scale and a seed, so a
 * test can recreate exactly the organisation that a demo run wrote into the event store.
 */
public final class DemoOrganisation {
    public static final String COMPANY = "Larkspur Logistics";
    public static final String NETBIOS_DOMAIN = "LARKSPUR";
    public static final String DNS_DOMAIN = "corp.larkspur.example";
    public static final String MAIL_DOMAIN = "larkspur.example";

    private final DemoScale scale;
    private final long seed;
    private final String tenantId;
    private final String domainSid;
    private final List<DemoSite> sites;
    private final List<DemoDevice> devices;
    private final List<DemoUser> users;
    private final Map<String, DemoUser> bySam = new HashMap<>();

    DemoOrganisation(DemoScale scale, long seed, String tenantId, String domainSid, List<DemoSite> sites,
                     List<DemoDevice> devices, List<DemoUser> users) {
        this.scale = scale;
        this.seed = seed;
        this.tenantId = tenantId;
        this.domainSid = domainSid;
        this.sites = List.copyOf(sites);
        this.devices = List.copyOf(devices);
        this.users = List.copyOf(users);
        for (DemoUser u : users) {
            bySam.put(u.samAccountName(), u);
        }
    }

    /** The organisation a demo run with this scale and seed generates. */
    public static DemoOrganisation create(DemoScale scale, long seed) {
        return new OrganisationFactory(scale, seed).build();
    }

    public DemoScale scale() {
        return scale;
    }

    public long seed() {
        return seed;
    }

    /** Entra tenant id shared by all cloud rows. */
    public String tenantId() {
        return tenantId;
    }

    /** The AD domain SID; account SIDs are this plus a RID. */
    public String domainSid() {
        return domainSid;
    }

    public List<DemoSite> sites() {
        return sites;
    }

    public List<DemoDevice> devices() {
        return devices;
    }

    /** Every account: people, their admin accounts and service accounts. */
    public List<DemoUser> users() {
        return users;
    }

    public List<DemoUser> people() {
        return users.stream().filter(DemoUser::isPerson).toList();
    }

    /** @throws NoSuchElementException if no account has this SAM name */
    public DemoUser user(String samAccountName) {
        DemoUser u = bySam.get(samAccountName);
        if (u == null) {
            throw new NoSuchElementException("no demo account " + samAccountName);
        }
        return u;
    }

    /** The first device of a kind (the domain controller, file server and mail server are unique roles). */
    public DemoDevice first(DeviceKind kind) {
        return devices.stream().filter(d -> d.kind() == kind).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no device of kind " + kind));
    }

    public List<DemoDevice> devices(DeviceKind kind) {
        return devices.stream().filter(d -> d.kind() == kind).toList();
    }
}
