package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.AbstractPortalIT;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Favourites toggle per user, only for things the user can see. */
class HuntingFavoritesIT extends AbstractPortalIT {
    @Autowired
    HuntingFavorites favorites;
    @Autowired
    HuntingQueries queries;
    @Autowired
    HuntingFunctions functions;
    @Autowired
    HuntingService hunting;
    @Autowired
    dev.rampart.portal.access.UserAccounts accounts;

    String signInAs(String user) {
        if (!accounts.exists(user)) {
            accounts.create(user, user, null, "hunting-favorites-pw-1234", List.of("security-reader"));
        }
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(user, "n/a",
                List.of(new SimpleGrantedAuthority("PERM_SECURITY_DATA_READ"))));
        return user;
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void toggle_addsAndRemoves_perUser_andOnlyWhatTheUserSees() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String alice = signInAs("fav-alice-" + run);
        long mine = queries.save(alice, 0, "Mine", null, null, "DeviceInfo | take 1", false);
        long fn = functions.save(alice, 0, "Fav_" + run, null, null, "", "DeviceInfo | take 1", false, hunting.visibleSchema());
        String gallery = queries.gallery().get(0).id();

        assertThat(favorites.toggle(alice, "query", String.valueOf(mine))).isTrue();
        assertThat(favorites.toggle(alice, "gallery", gallery)).isTrue();
        assertThat(favorites.toggle(alice, "function", String.valueOf(fn))).isTrue();
        assertThat(favorites.of(alice)).containsExactlyInAnyOrder("QUERY:" + mine, "GALLERY:" + gallery, "FUNCTION:" + fn);
        assertThat(favorites.toggle(alice, "gallery", gallery)).isFalse();
        assertThat(favorites.of(alice)).doesNotContain("GALLERY:" + gallery);

        assertThat(favorites.toggle(alice, "table", "DeviceInfo")).isTrue();
        assertThat(favorites.of(alice)).contains("TABLE:DeviceInfo");
        assertThatThrownBy(() -> favorites.toggle(alice, "table", "NoSuchTable")).hasMessage("No table 'NoSuchTable' that you can see.");

        String bob = signInAs("fav-bob-" + run);
        assertThat(favorites.of(bob)).isEmpty();
        assertThatThrownBy(() -> favorites.toggle(bob, "query", String.valueOf(mine))).hasMessage("No query '" + mine + "' that you can see.");
        assertThatThrownBy(() -> favorites.toggle(bob, "function", String.valueOf(fn))).hasMessageStartingWith("No function");
        assertThatThrownBy(() -> favorites.toggle(bob, "column", "DeviceName")).hasMessageStartingWith("Unknown kind of favourite 'column'");
        assertThatThrownBy(() -> favorites.toggle(bob, "gallery", "no-such")).hasMessageStartingWith("No gallery");
    }
}
