package dev.rampart.portal.demo;


/** Servers around the clock: the domain controller, file and mail servers, SQL/IIS/print servers, and Linux hosts. */
final class Servers extends Activity {

    Servers(DemoOrganisation org, DeviceRows rows, Fleet fleet) {
        super(org, rows, fleet);
    }

    void windowsDay(Host h, long dayStart) {
        DeviceKind kind = h.device.kind();
        Proc role = switch (kind) {
            case DOMAIN_CONTROLLER -> child(Catalog.DNS, "C:\\Windows\\system32\\dns.exe", dayStart - Time.DAY, h.services);
            case MAIL_SERVER -> child(Catalog.TRANSPORT, "\"C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\MSExchangeTransport.exe\"", dayStart - Time.DAY, h.services);
            case FILE_SERVER -> child(Catalog.DFSRS, "C:\\Windows\\system32\\DFSRs.exe", dayStart - Time.DAY, h.services);
            default -> h.device.shortName().startsWith("sql")
                    ? child(Catalog.SQLSERVR, "\"C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe\" -sMSSQLSERVER", dayStart - Time.DAY, h.services)
                    : h.device.shortName().startsWith("print") ? child(Catalog.SPOOLSV, "C:\\Windows\\System32\\spoolsv.exe", dayStart - Time.DAY, h.services)
                    : child(Catalog.W3WP, "c:\\windows\\system32\\inetsrv\\w3wp.exe -ap \"DefaultAppPool\" -v \"v4.0\" -l \"webengine4.dll\"", dayStart - Time.DAY, h.services);
        };
        Proc edge = kind == DeviceKind.MAIL_SERVER ? child(Catalog.EDGETRANSPORT, "\"C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\EdgeTransport.exe\"", dayStart - Time.DAY, role) : null;
        for (int hour = 0; hour < 24; hour++) {
            long hs = dayStart + hour * Time.HOUR;
            int local = Time.localHour(hs, h.device.site().utcOffsetHours());
            boolean business = local >= 7 && local < 19 && Time.localWeekday(hs, h.device.site().utcOffsetHours()) < 5;
            windowsBackground(h, hs, 4);
            int n = poisson(business ? 45 : 18);
            for (int i = 0; i < n; i++) {
                long ms = at(hs);
                String peer = workstations.get(rnd.nextInt(workstations.size())).device.ip();
                switch (kind) {
                    case DOMAIN_CONTROLLER -> {
                        int port = switch (rnd.nextInt(4)) {
                            case 0 -> 88;
                            case 1 -> 389;
                            case 2 -> 445;
                            default -> 53;
                        };
                        rows.network(h.device, Time.ts(ms), port == 53 ? role : h.lsass, "InboundConnectionAccepted", peer, 49_152 + rnd.nextInt(16_000), null, port, port == 53 ? "Udp" : "Tcp", h.rid());
                        if (rnd.nextInt(3) == 0) {
                            Host ws = workstations.get(rnd.nextInt(workstations.size()));
                            if (ws.owner != null && ws.device.kind().isWindows()) {
                                rows.logon(h.device, Time.ts(ms + 3), h.lsass, "LogonSuccess", "Network", ws.owner, "Kerberos", null, false,
                                        ws.device.shortName(), ws.device.ip(), 49_152 + rnd.nextInt(16_000), 3_000_000L + rnd.nextInt(90_000_000), h.rid());
                            }
                        }
                    }
                    case MAIL_SERVER -> {
                        String ext = Web.INBOUND_CLIENTS[rnd.nextInt(Web.INBOUND_CLIENTS.length)];
                        switch (rnd.nextInt(3)) {
                            case 0 -> rows.network(h.device, Time.ts(ms), edge, "InboundConnectionAccepted", ext, 30_000 + rnd.nextInt(30_000), null, 25, "Tcp", h.rid());
                            case 1 -> rows.network(h.device, Time.ts(ms), edge, "ConnectionSuccess", ext, 25, null, 49_152 + rnd.nextInt(16_000), "Tcp", h.rid());
                            default -> rows.network(h.device, Time.ts(ms), role, "InboundConnectionAccepted", business ? peer : ext, 49_152 + rnd.nextInt(16_000), null, 443, "Tcp", h.rid());
                        }
                    }
                    case FILE_SERVER -> rows.network(h.device, Time.ts(ms), h.system, "InboundConnectionAccepted", peer, 49_152 + rnd.nextInt(16_000), null, 445, "Tcp", h.rid());
                    default -> {
                        boolean sql = role.bin() == Catalog.SQLSERVR;
                        String from = sql && !winServers.isEmpty() ? winServers.get(rnd.nextInt(winServers.size())).device.ip()
                                : h.device.internetFacing() ? Web.INBOUND_CLIENTS[rnd.nextInt(Web.INBOUND_CLIENTS.length)] : peer;
                        rows.network(h.device, Time.ts(ms), role, "InboundConnectionAccepted", from, 49_152 + rnd.nextInt(16_000), null,
                                sql ? 1433 : role.bin() == Catalog.SPOOLSV ? 445 : 443, "Tcp", h.rid());
                    }
                }
            }
            if (kind == DeviceKind.FILE_SERVER && local == 1) {
                Account backup = Accounts.domain(org.user("svc_backup"));
                rows.logon(h.device, Time.ts(hs + 60_000), h.lsass, "LogonSuccess", "Network", backup, "Kerberos", null, true,
                        "backup01", backupIp(), 49_152 + rnd.nextInt(16_000), 4_000_000L + rnd.nextInt(90_000_000), h.rid());
            }
        }
    }

    private String backupIp() {
        for (Host h : winServers) {
            if (h.device.shortName().equals("backup01")) {
                return h.device.ip();
            }
        }
        return dc.device.ip();
    }

    void linuxDay(Host h, long dayStart) {
        Proc cron = child(Catalog.CRON, "/usr/sbin/cron -f -P", dayStart - Time.DAY, h.root);
        Proc sshd = child(Catalog.SSHD, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", dayStart - Time.DAY, h.root);
        String name = h.device.shortName();
        Proc service = name.contains("web") || name.contains("proxy") ? child(Catalog.NGINX, "nginx: worker process", dayStart - Time.DAY, h.root)
                : name.contains("db") ? child(Catalog.POSTGRES, "/usr/lib/postgresql/14/bin/postgres -D /var/lib/postgresql/14/main", dayStart - Time.DAY, h.root)
                : name.contains("k8s") ? child(Catalog.KUBELET, "/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml", dayStart - Time.DAY, h.root)
                : child(Catalog.DOCKERD, "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock", dayStart - Time.DAY, h.root);
        for (int hour = 0; hour < 24; hour++) {
            long hs = dayStart + hour * Time.HOUR;
            for (int m = 0; m < 60; m += 5) {
                long ms = hs + m * Time.MINUTE + rnd.nextInt(900);
                Proc sh = start(h, Catalog.SH, "/bin/sh -c /usr/local/bin/collect-metrics.sh", ms, cron);
                Proc py = start(h, Catalog.PYTHON, "python3 /usr/local/lib/collect_metrics.py --push lnx-mon01:9091", ms + 40, sh);
                rows.network(h.device, Time.ts(ms + 300), py, "ConnectionSuccess", "10.0.1.10", 9091, null, 40_000 + rnd.nextInt(20_000), "Tcp", h.rid());
            }
            int local = Time.localHour(hs, h.device.site().utcOffsetHours());
            if (local == 6) {
                Proc sh = start(h, Catalog.SH, "/bin/sh -c \"test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )\"", hs + 1_500_000, cron);
                Proc apt = start(h, Catalog.APT, "apt-get -qq update", hs + 1_501_000, sh);
                connect(h, hs + 1_502_000, apt, Web.LINUX[rnd.nextInt(2)], 80);
                start(h, Catalog.LOGROTATE, "/usr/sbin/logrotate /etc/logrotate.conf", hs + 1_503_000, sh);
            }
            int n = poisson(h.device.internetFacing() ? 25 : 10);
            for (int i = 0; i < n; i++) {
                long ms = at(hs);
                if (h.device.internetFacing()) {
                    rows.network(h.device, Time.ts(ms), service, "InboundConnectionAccepted", Web.INBOUND_CLIENTS[rnd.nextInt(Web.INBOUND_CLIENTS.length)],
                            40_000 + rnd.nextInt(20_000), null, 443, "Tcp", h.rid());
                } else {
                    connect(h, ms, service, Web.LINUX[2 + rnd.nextInt(Web.LINUX.length - 2)], 443);
                }
            }
            if (local >= 9 && local < 17 && rnd.nextInt(6) == 0) {
                sshSession(h, at(hs), sshd);
            }
        }
    }

    private void sshSession(Host h, long ms, Proc sshd) {
        DemoUser admin = org.people().stream().filter(u -> u.department().equals("IT") || u.department().equals("Engineering"))
                .skip(rnd.nextInt(4)).findFirst().orElse(org.people().get(0));
        Account local = new Account(null, admin.samAccountName(), null, null, null);
        Host from = workstations.get(Math.floorMod(admin.samAccountName().hashCode(), workstations.size()));
        rows.logon(h.device, Time.ts(ms), sshd, "LogonSuccess", "Network", local, "ssh", null, false, null, from.device.ip(),
                49_152 + rnd.nextInt(16_000), 0, h.rid());
        Proc session = new Proc(Catalog.SSHD, Host.pid(rnd), "sshd: " + admin.samAccountName() + "@pts/0", Time.ts(ms + 200), local, null, null, 0, 0, sshd);
        Proc bash = start(h, Catalog.BASH, "-bash", ms + 400, session);
        String[] cmds = {"sudo systemctl status nginx", "tail -n 200 /var/log/syslog", "df -h", "sudo apt-get upgrade -y", "docker ps"};
        int k = 1 + rnd.nextInt(3);
        for (int i = 0; i < k; i++) {
            String c = cmds[rnd.nextInt(cmds.length)];
            start(h, c.startsWith("sudo") ? Catalog.SUDO : Catalog.SH, c, ms + 5_000 + i * 20_000L, bash);
        }
    }
}
