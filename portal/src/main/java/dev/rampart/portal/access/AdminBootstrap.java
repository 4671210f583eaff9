package dev.rampart.portal.access;

import java.security.SecureRandom;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the built-in roles and, on an install without users, creates the first administrator {@code admin}
 * with the password from {@code RAMPART_ADMIN_PASSWORD} or a random one printed once to the console.
 */
@Component
@Order(0)
// Batch commands neither seed nor print credentials; the first portal start does.
@org.springframework.context.annotation.Profile("!cli")
class AdminBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Roles roles;
    private final UserAccounts users;
    private final AuditLog audit;
    private final String configuredPassword;

    AdminBootstrap(Roles roles, UserAccounts users, AuditLog audit,
                   @Value("${RAMPART_ADMIN_PASSWORD:}") String configuredPassword) {
        this.roles = roles;
        this.users = users;
        this.audit = audit;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        roles.seedBuiltIns();
        audit.sealUnchained();
        if (users.count() > 0) {
            return;
        }
        String password = configuredPassword.isBlank() ? randomPassword() : configuredPassword;
        users.create("admin", "Administrator", null, password, List.of(BuiltInRole.GLOBAL_ADMINISTRATOR.id()));
        audit.recordAs("system", "user.create", "user", "admin", "first administrator created at first start");
        if (configuredPassword.isBlank()) {
            // Printed once, on purpose: this is the only way to learn a generated first password.
            System.out.println();
            System.out.println("==============================================================");
            System.out.println(" Rampart first start: administrator account created");
            System.out.println("   user:     admin");
            System.out.println("   password: " + password);
            System.out.println(" Change it under Settings > Users. It is not shown again.");
            System.out.println("==============================================================");
            System.out.println();
        } else {
            log.info("First administrator 'admin' created with the password from RAMPART_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom rnd = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
