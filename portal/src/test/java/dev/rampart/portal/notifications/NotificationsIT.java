package dev.rampart.portal.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.notifications.Notifications.Item;
import dev.rampart.portal.notifications.Notifications.Kind;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NotificationsIT extends AbstractPortalIT {
    @Autowired
    Notifications notifications;

    static final Set<Permission> READER = EnumSet.of(Permission.SECURITY_DATA_READ);
    static final Set<Permission> ADMIN = EnumSet.of(Permission.SECURITY_DATA_READ, Permission.SYSTEM_SETTINGS_MANAGE);

    static String user() {
        return "n-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void toUser_isSeenOnlyByThatUser() {
        String alice = user(), bob = user();
        notifications.toUser(alice, Kind.SUCCESS, "Import finished", "12 rows", "/");
        assertThat(notifications.list(alice, READER, false, 0, 50)).extracting(Item::title).contains("Import finished");
        assertThat(notifications.list(bob, ADMIN, false, 0, 50)).extracting(Item::title).doesNotContain("Import finished");
    }

    @Test
    void toHoldersOf_isSeenOnlyByHolders() {
        String title = "Retention removed rows " + UUID.randomUUID();
        notifications.toHoldersOf(Permission.SYSTEM_SETTINGS_MANAGE, Kind.INFORMATION, title, null, null);
        assertThat(notifications.list(user(), ADMIN, false, 0, 50)).extracting(Item::title).contains(title);
        assertThat(notifications.list(user(), READER, false, 0, 50)).extracting(Item::title).doesNotContain(title);
    }

    @Test
    void openingThePanel_clearsUnread_andDismissHidesWithoutDeleting() {
        String carol = user();
        notifications.toUser(carol, Kind.ERROR, "Scan failed", null, null);
        notifications.toUser(carol, Kind.WARNING, "Policy not applied", null, null);
        long base = notifications.unreadCount(carol, READER);
        assertThat(base).isGreaterThanOrEqualTo(2);

        notifications.markAllRead(carol, READER);
        assertThat(notifications.unreadCount(carol, READER)).isZero();

        Item scan = notifications.list(carol, READER, false, 0, 50).stream().filter(i -> i.title().equals("Scan failed")).findFirst().orElseThrow();
        notifications.dismiss(carol, READER, scan.id());
        assertThat(notifications.list(carol, READER, false, 0, 50)).extracting(Item::title).doesNotContain("Scan failed").contains("Policy not applied");
        assertThat(notifications.list(carol, READER, true, 0, 50)).filteredOn(i -> i.title().equals("Scan failed"))
                .singleElement().satisfies(i -> assertThat(i.dismissed()).isTrue());

        notifications.dismissAll(carol, READER);
        assertThat(notifications.list(carol, READER, false, 0, 50)).extracting(Item::title).doesNotContain("Policy not applied");
    }

    @Test
    void list_isNewestFirst_andPagesBackwards() {
        String dave = user();
        for (int i = 0; i < 5; i++) {
            notifications.toUser(dave, Kind.INFORMATION, "n" + i, null, null);
        }
        var first = notifications.list(dave, Set.of(), false, 0, 2);
        assertThat(first).extracting(Item::title).containsExactly("n4", "n3");
        var next = notifications.list(dave, Set.of(), false, first.get(1).id(), 2);
        assertThat(next).extracting(Item::title).containsExactly("n2", "n1");
    }
}
