package dev.rampart.portal.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/** Builds the {@link DemoOrganisation} for a scale and seed; every choice comes from one seeded generator. */
final class OrganisationFactory {
    private static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
        "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos",
        "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Priya", "Emily", "Steven",
        "Donna", "Paul", "Michelle", "Andrew", "Carol", "Joshua", "Amanda", "Kenji", "Melissa", "Kevin", "Deborah", "Brian",
        "Stephanie", "George", "Rebecca", "Timothy", "Sharon", "Ronald", "Laura", "Jason", "Cynthia", "Edward", "Amy",
        "Jeffrey", "Angela", "Ryan", "Helen", "Jacob", "Anna", "Gary", "Brenda", "Nicholas", "Pamela", "Eric", "Emma",
        "Jonathan", "Nicole", "Stephen", "Samantha", "Larry", "Katherine", "Justin", "Christine", "Scott", "Debra",
        "Brandon", "Rachel", "Benjamin", "Carolyn", "Samuel", "Janet", "Ahmed", "Maria", "Frank", "Heather", "Sven",
        "Diane", "Raymond", "Ruth", "Alexander", "Julie", "Patrick", "Olivia", "Jack", "Joyce", "Dennis", "Virginia",
        "Jerry", "Victoria", "Tyler", "Kelly", "Aaron", "Lauren", "Jose", "Christina", "Adam", "Joan", "Nathan",
        "Evelyn", "Henry", "Judith", "Zachary", "Megan", "Douglas", "Andrea", "Peter", "Cheryl", "Kyle", "Hannah",
        "Noah", "Jacqueline", "Ethan", "Martha", "Jeremy", "Gloria", "Walter", "Teresa", "Christian", "Ann", "Keith",
        "Sara", "Roger", "Madison", "Terry", "Frances", "Austin", "Kathryn", "Sean", "Janice", "Gerald", "Jean",
        "Carl", "Abigail", "Harold", "Alice", "Dylan", "Judy", "Arthur", "Sophia", "Lawrence", "Grace", "Jordan",
        "Denise", "Jesse", "Amber", "Bryan", "Doris", "Billy", "Marilyn", "Bruce", "Danielle", "Gabriel", "Beverly",
        "Joe", "Isabella", "Logan", "Theresa", "Alan", "Diana", "Juan", "Natalie", "Wayne", "Brittany", "Elijah",
        "Charlotte", "Randy", "Marie", "Roy", "Kayla", "Vincent", "Alexis", "Ralph", "Lori", "Eugene", "Yuki", "Russell",
        "Fatima", "Bobby", "Ingrid", "Mason", "Chiara", "Philip", "Lars", "Louis", "Aisha"};
    private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
        "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
        "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis",
        "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
        "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips",
        "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales",
        "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly",
        "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett",
        "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross",
        "Foster", "Jimenez", "Van Dijk", "Jansen", "De Vries", "Bakker", "Visser", "Okafor", "Tanaka", "Sato", "Mueller",
        "Schmidt", "Novak", "Kowalski", "Lindqvist", "Haddad", "Rossi", "Russo", "Ferrari", "Dubois", "Moreau", "Singh"};
    private static final String[][] DEPARTMENTS = {
        // name, weight, titles...
        {"Operations", "22", "Operations Coordinator", "Dispatcher", "Warehouse Supervisor", "Operations Manager", "Fleet Planner"},
        {"Logistics", "18", "Logistics Analyst", "Route Planner", "Customs Specialist", "Logistics Manager"},
        {"Sales", "14", "Account Executive", "Sales Representative", "Key Account Manager", "Sales Director"},
        {"Customer Service", "11", "Customer Service Agent", "Customer Service Team Lead"},
        {"Finance", "9", "Accountant", "Accounts Payable Specialist", "Financial Analyst", "Controller", "Chief Financial Officer"},
        {"Engineering", "9", "Software Engineer", "Senior Software Engineer", "DevOps Engineer", "Engineering Manager"},
        {"IT", "6", "Systems Administrator", "Service Desk Analyst", "Network Engineer", "IT Manager", "Security Analyst"},
        {"HR", "4", "HR Generalist", "Recruiter", "HR Manager"},
        {"Marketing", "4", "Marketing Specialist", "Content Manager", "Marketing Director"},
        {"Legal", "2", "Legal Counsel", "Paralegal"},
        {"Executive", "1", "Chief Executive Officer", "Chief Operating Officer", "Executive Assistant"},
    };

    private final DemoScale scale;
    private final long seed;
    private final SplittableRandom rnd;

    OrganisationFactory(DemoScale scale, long seed) {
        this.scale = scale;
        this.seed = seed;
        this.rnd = new SplittableRandom(Ids.mix(seed ^ 0x6f7267L));
    }

    DemoOrganisation build() {
        List<DemoSite> sites = List.of(
                new DemoSite("Chicago HQ", "Chicago", "United States", "US", "10.10", -6, "192.0.2.10"),
                new DemoSite("London", "London", "United Kingdom", "GB", "10.20", 0, "192.0.2.20"),
                new DemoSite("Rotterdam", "Rotterdam", "Netherlands", "NL", "10.30", 1, "192.0.2.30"),
                new DemoSite("Datacenter", "Chicago", "United States", "US", "10.0", -6, "192.0.2.2"));
        String domainSid = "S-1-5-21-" + (1_000_000_000L + Math.floorMod(rnd.nextLong(), 2_000_000_000L)) + '-'
                + (1_000_000_000L + Math.floorMod(rnd.nextLong(), 2_000_000_000L)) + '-'
                + (1_000_000_000L + Math.floorMod(rnd.nextLong(), 2_000_000_000L));
        String tenantId = Ids.guid(rnd);
        List<DemoUser> users = users(sites, domainSid);
        List<DemoDevice> devices = devices(sites, users);
        return new DemoOrganisation(scale, seed, tenantId, domainSid, sites, devices, users);
    }

    private List<DemoUser> users(List<DemoSite> sites, String domainSid) {
        List<DemoUser> out = new ArrayList<>();
        Set<String> sams = new HashSet<>();
        Set<String> fullNames = new HashSet<>();
        int totalWeight = 0;
        for (String[] d : DEPARTMENTS) {
            totalWeight += Integer.parseInt(d[1]);
        }
        int rid = 1104;
        List<DemoUser> itPeople = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        for (int i = 0; i < scale.people(); i++) {
            String first;
            String last;
            do {
                first = FIRST[rnd.nextInt(FIRST.length)];
                last = LAST[rnd.nextInt(LAST.length)];
            } while (!fullNames.add(first + ' ' + last));
            String[] dept = i < DEPARTMENTS.length ? DEPARTMENTS[i] : pickDepartment(totalWeight);
            String title = dept[2 + rnd.nextInt(dept.length - 2)];
            String lastPlain = last.replace(" ", "").toLowerCase(Locale.ROOT);
            String sam = unique(sams, first.substring(0, 1).toLowerCase(Locale.ROOT) + lastPlain);
            String mailLocal = first.toLowerCase(Locale.ROOT) + '.' + lastPlain + (sam.matches(".*\\d$") ? sam.substring(sam.length() - 1) : "");
            DemoSite site = sites.get(i % 10 < 6 ? 0 : i % 10 < 8 ? 1 : 2);
            String upn = mailLocal + '@' + DemoOrganisation.MAIL_DOMAIN;
            String manager = managers.isEmpty() ? null : managers.get(rnd.nextInt(managers.size()));
            DemoUser u = new DemoUser(sam, first + ' ' + last, first, last, upn, upn, domainSid + '-' + rid++,
                    Ids.guid("user:" + seed + ':' + sam), dept[0], title, site, "User", false, manager,
                    "+1 312 555 " + (1000 + i), "E" + (10_000 + i));
            if (title.contains("Manager") || title.startsWith("Chief") || title.contains("Director")) {
                managers.add(upn);
            }
            if (dept[0].equals("IT")) {
                itPeople.add(u);
            }
            out.add(u);
        }
        for (DemoUser it : itPeople) {
            String sam = "adm-" + it.samAccountName();
            sams.add(sam);
            String upn = sam + '@' + DemoOrganisation.MAIL_DOMAIN;
            out.add(new DemoUser(sam, it.displayName() + " (admin)", it.givenName(), it.surname(), upn, null,
                    domainSid + '-' + rid++, Ids.guid("user:" + seed + ':' + sam), "IT", "Privileged administrator account",
                    it.site(), "User", true, null, null, null));
        }
        for (String svc : new String[] {"svc_backup", "svc_sql", "svc_scan", "svc_exchange", "svc_monitoring"}) {
            String upn = svc + '@' + DemoOrganisation.MAIL_DOMAIN;
            out.add(new DemoUser(svc, svc, null, null, upn, null, domainSid + '-' + rid++,
                    Ids.guid("user:" + seed + ':' + svc), "IT", "Service account", sites.get(3), "ServiceAccount", false,
                    null, null, null));
        }
        return out;
    }

    private String[] pickDepartment(int totalWeight) {
        int r = rnd.nextInt(totalWeight);
        for (String[] d : DEPARTMENTS) {
            r -= Integer.parseInt(d[1]);
            if (r < 0) {
                return d;
            }
        }
        return DEPARTMENTS[0];
    }

    private static String unique(Set<String> taken, String base) {
        String candidate = base.length() > 18 ? base.substring(0, 18) : base;
        String b = candidate;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = b + n;
        }
        return candidate;
    }

    private List<DemoDevice> devices(List<DemoSite> sites, List<DemoUser> users) {
        List<DemoDevice> out = new ArrayList<>();
        DemoSite dc = sites.get(3);
        int n = scale.devices();
        int[] host = {10};
        server(out, dc, "dc01", DeviceKind.DOMAIN_CONTROLLER, host, false);
        if (n >= 100) {
            server(out, dc, "dc02", DeviceKind.DOMAIN_CONTROLLER, host, false);
        }
        // The file server answers RDP from the internet: the misconfiguration the ransomware scenario uses.
        server(out, dc, "fs01", DeviceKind.FILE_SERVER, host, true);
        server(out, dc, "mail01", DeviceKind.MAIL_SERVER, host, true);
        String[] winServers = {"sql01", "app01", "web01", "print01", "rds01", "backup01", "sql02", "app02", "web02",
            "wsus01", "ca01", "app03", "sql03", "app04", "web03", "app05"};
        int winCount = Math.min(winServers.length, Math.max(2, n / 36));
        for (int i = 0; i < winCount; i++) {
            server(out, dc, winServers[i], DeviceKind.WINDOWS_SERVER, host, winServers[i].startsWith("web"));
        }
        String[] linux = {"lnx-web01", "lnx-web02", "lnx-db01", "lnx-build01", "lnx-k8s01", "lnx-k8s02", "lnx-k8s03",
            "lnx-mon01", "lnx-web03", "lnx-db02", "lnx-k8s04", "lnx-k8s05", "lnx-proxy01", "lnx-etl01", "lnx-etl02",
            "lnx-k8s06", "lnx-k8s07", "lnx-k8s08", "lnx-git01", "lnx-log01", "lnx-k8s09", "lnx-k8s10"};
        int linuxCount = Math.min(linux.length, Math.max(2, n / 28));
        for (int i = 0; i < linuxCount; i++) {
            server(out, dc, linux[i], DeviceKind.LINUX_SERVER, host, linux[i].contains("web") || linux[i].contains("proxy"));
        }
        List<DemoUser> people = users.stream().filter(DemoUser::isPerson).toList();
        int endpoints = n - out.size();
        int macs = Math.max(3, endpoints / 10);
        for (int i = 0; i < endpoints; i++) {
            DemoUser owner = people.get(i % people.size());
            DemoSite site = owner.site();
            boolean mac = i % (endpoints / macs) == 3 || owner.department().equals("Marketing") && i % 2 == 0;
            String code = site.name().substring(0, 3).toLowerCase(Locale.ROOT);
            String serial = String.valueOf(1000 + i);
            String shortName = mac ? code + "-mac-" + serial : code + (rnd.nextInt(3) == 0 ? "-dt-" : "-lt-") + serial;
            int third = mac ? 40 + i / 250 : 20 + i / 250;
            String ip = site.subnet() + '.' + third + '.' + (10 + i % 240);
            if (mac) {
                out.add(device(shortName, DeviceKind.MAC_LAPTOP, "macOS", "14.6", 23_600, "Sonoma 14.6", "macOS", site, ip,
                        owner.samAccountName(), "Apple", "MacBook Pro 14", false));
            } else {
                boolean win11 = rnd.nextInt(10) < 6;
                out.add(device(shortName, DeviceKind.WINDOWS_WORKSTATION, win11 ? "Windows11" : "Windows10", "10.0",
                        win11 ? 22_631 : 19_045, win11 ? "23H2" : "22H2", "Windows", site, ip, owner.samAccountName(),
                        rnd.nextBoolean() ? "Dell Inc." : "LENOVO", rnd.nextBoolean() ? "Latitude 7440" : "ThinkPad T14 Gen 4", false));
            }
        }
        return out;
    }

    private void server(List<DemoDevice> out, DemoSite site, String shortName, DeviceKind kind, int[] host, boolean internetFacing) {
        String ip = site.subnet() + ".1." + host[0]++;
        if (kind == DeviceKind.LINUX_SERVER) {
            out.add(device(shortName, kind, "Linux", "22.04", 0, "Ubuntu 22.04.4 LTS", "Ubuntu", site, ip, null,
                    "VMware, Inc.", "VMware Virtual Platform", internetFacing));
        } else {
            boolean y2022 = kind != DeviceKind.MAIL_SERVER && !shortName.startsWith("print");
            out.add(device(shortName, kind, y2022 ? "WindowsServer2022" : "WindowsServer2019", "10.0",
                    y2022 ? 20_348 : 17_763, y2022 ? "21H2" : "1809", "Windows", site, ip, null, "VMware, Inc.",
                    "VMware7,1", internetFacing));
        }
    }

    private DemoDevice device(String shortName, DeviceKind kind, String platform, String version, long build,
                              String versionInfo, String distribution, DemoSite site, String ip, String owner,
                              String vendor, String model, boolean internetFacing) {
        String deviceId = Ids.hex(Ids.of("device:" + seed + ':' + shortName), 40);
        String fqdn = kind == DeviceKind.MAC_LAPTOP || kind == DeviceKind.LINUX_SERVER
                ? shortName : shortName + '.' + DemoOrganisation.DNS_DOMAIN;
        return new DemoDevice(deviceId, fqdn, shortName, kind, platform, version, build, versionInfo, distribution, site,
                ip, Ids.mac(Ids.of("mac:" + seed + ':' + shortName)), owner, vendor, model, internetFacing);
    }
}
