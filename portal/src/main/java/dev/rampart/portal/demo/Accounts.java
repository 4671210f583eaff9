package dev.rampart.portal.demo;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The on-premises identity of each demo account as device tables show it (lower-case NetBIOS domain). */
final class Accounts {
    static final String DOMAIN = DemoOrganisation.NETBIOS_DOMAIN.toLowerCase(Locale.ROOT);
    private final Map<String, Account> bySam = new HashMap<>();

    Accounts(DemoOrganisation org) {
        for (DemoUser u : org.users()) {
            bySam.put(u.samAccountName(), domain(u));
        }
    }

    Account of(String sam) {
        Account a = bySam.get(sam);
        if (a == null) {
            throw new IllegalArgumentException("no demo account " + sam);
        }
        return a;
    }

    static Account domain(DemoUser u) {
        return new Account(DOMAIN, u.samAccountName(), u.sid(), u.upn(), u.objectId());
    }
}
