package dev.rampart.portal.demo;

/**
 * A simulated account. People have {@code type} "User"; privileged admin accounts and service accounts are
 * listed too ("User" with {@code admin} true, or "ServiceAccount").
 */
public record DemoUser(String samAccountName, String displayName, String givenName, String surname, String upn,
                       String email, String sid, String objectId, String department, String jobTitle, DemoSite site,
                       String type, boolean admin, String managerUpn, String phone, String employeeId) {

    public boolean isPerson() {
        return "User".equals(type) && !admin;
    }
}
