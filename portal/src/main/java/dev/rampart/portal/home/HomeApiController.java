package dev.rampart.portal.home;

import dev.rampart.portal.access.Perms;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/home/cards}: the signed-in user's home cards, in order, each with its live data. */
@RestController
class HomeApiController {
    private final HomeService home;
    private final HomeLayouts layouts;

    HomeApiController(HomeService home, HomeLayouts layouts) {
        this.home = home;
        this.layouts = layouts;
    }

    public record Cards(boolean customised, List<HomeService.CardView> cards, List<String> addable) {
    }

    @GetMapping("/api/v1/home/cards")
    @PreAuthorize(Perms.SIGNED_IN)
    Cards cards(Authentication auth) {
        return new Cards(layouts.customised(auth.getName()), layouts.cards(auth).stream().map(home::view).toList(),
                layouts.addable(auth).stream().map(HomeCard::id).toList());
    }
}
