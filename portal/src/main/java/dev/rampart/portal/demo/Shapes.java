package dev.rampart.portal.demo;

import dev.rampart.kql.schema.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The hunting tables the demo fills, resolved against the schema once per generator. */
final class Shapes {
    final Shape process;
    final Shape network;
    final Shape file;
    final Shape logon;
    final Shape registry;
    final Shape imageLoad;
    final Shape events;
    final Shape deviceInfo;
    final Shape networkInfo;
    final Shape software;
    final Shape vulnerability;
    final Shape vulnerabilityKb;
    final Shape configuration;
    final Shape configurationKb;
    final Shape postDelivery;
    final Shape urlClick;
    final Shape email;
    final Shape attachment;
    final Shape emailUrl;
    final Shape identityLogon;
    final Shape identityQuery;
    final Shape identityDirectory;
    final Shape identityInfo;
    final Shape cloudApp;
    final Shape signIn;
    final Shape signInBeta;
    private final List<Shape> all = new ArrayList<>();

    Shapes(Schema schema) {
        process = add(schema, "DeviceProcessEvents");
        network = add(schema, "DeviceNetworkEvents");
        file = add(schema, "DeviceFileEvents");
        logon = add(schema, "DeviceLogonEvents");
        registry = add(schema, "DeviceRegistryEvents");
        imageLoad = add(schema, "DeviceImageLoadEvents");
        events = add(schema, "DeviceEvents");
        deviceInfo = add(schema, "DeviceInfo");
        networkInfo = add(schema, "DeviceNetworkInfo");
        software = add(schema, "DeviceTvmSoftwareInventory");
        email = add(schema, "EmailEvents");
        attachment = add(schema, "EmailAttachmentInfo");
        emailUrl = add(schema, "EmailUrlInfo");
        identityLogon = add(schema, "IdentityLogonEvents");
        identityQuery = add(schema, "IdentityQueryEvents");
        identityDirectory = add(schema, "IdentityDirectoryEvents");
        identityInfo = add(schema, "IdentityInfo");
        cloudApp = add(schema, "CloudAppEvents");
        signIn = add(schema, "EntraIdSignInEvents");
        signInBeta = add(schema, "AADSignInEventsBeta");
        vulnerability = add(schema, "DeviceTvmSoftwareVulnerabilities");
        vulnerabilityKb = add(schema, "DeviceTvmSoftwareVulnerabilitiesKB");
        configuration = add(schema, "DeviceTvmSecureConfigurationAssessment");
        configurationKb = add(schema, "DeviceTvmSecureConfigurationAssessmentKB");
        postDelivery = add(schema, "EmailPostDeliveryEvents");
        urlClick = add(schema, "UrlClickEvents");
    }

    private Shape add(Schema schema, String name) {
        Shape s = new Shape(schema.table(name).orElseThrow(() -> new IllegalStateException("schema lacks " + name)), all.size());
        all.add(s);
        return s;
    }

    List<Shape> all() {
        return Collections.unmodifiableList(all);
    }
}
