package dev.rampart.portal;

import dev.rampart.portal.cli.CommandDispatcher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point. Without a leading sub-command the portal starts; {@code java -jar rampart.jar NAME args...}
 * runs the batch command NAME (import, harnesses...) on the same stores without a web server, then exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RampartApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("sensor")) {
            // The reference sensor runs on other hosts: no stores, no Spring context.
            System.exit(dev.rampart.portal.response.sensors.ReferenceSensor.main(java.util.Arrays.asList(args).subList(1, args.length), System.out));
        }
        if (args.length > 0 && !args[0].startsWith("-")) {
            System.exit(runCommand(args));
        }
        SpringApplication.run(RampartApplication.class, args);
    }

    private static int runCommand(String[] args) {
        SpringApplication app = new SpringApplication(RampartApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setAdditionalProfiles("cli");
        app.setLogStartupInfo(false);
        ConfigurableApplicationContext ctx;
        try {
            ctx = app.run(args);
        } catch (RuntimeException startupFailure) {
            // SpringApplication has already reported why (failure analysis or logged cause); no second stack trace.
            return 1;
        }
        try (ctx) {
            return ctx.getBean(CommandDispatcher.class).dispatch(args);
        }
    }
}
