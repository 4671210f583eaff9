package dev.rampart.portal.demo;

import java.util.ArrayList;
import java.util.List;

/** The organisation's devices as simulation hosts, grouped by the roles other devices talk to. */
final class Fleet {
    final List<Host> hosts = new ArrayList<>();
    final List<Host> workstations = new ArrayList<>();
    final List<Host> winServers = new ArrayList<>();
    final Host dc;
    final Host fs;
    final Host mail;

    Fleet(DemoOrganisation org, Accounts accounts) {
        int i = 0;
        for (DemoDevice d : org.devices()) {
            Host h = new Host(d, i++, d.primaryUser() == null ? null : accounts.of(d.primaryUser()));
            hosts.add(h);
            if (!d.kind().isServer()) {
                workstations.add(h);
            } else if (d.kind() == DeviceKind.WINDOWS_SERVER) {
                winServers.add(h);
            }
        }
        dc = byKind(DeviceKind.DOMAIN_CONTROLLER);
        fs = byKind(DeviceKind.FILE_SERVER);
        mail = byKind(DeviceKind.MAIL_SERVER);
    }

    private Host byKind(DeviceKind kind) {
        return hosts.stream().filter(h -> h.device.kind() == kind).findFirst().orElseThrow();
    }
}
