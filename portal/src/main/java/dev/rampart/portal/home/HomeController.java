package dev.rampart.portal.home;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController implements NavigationContributor {
    private final HomeService home;

    HomeController(HomeService home) {
        this.home = home;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.HOME, 0, "Home", "/", "home", null));
    }

    @GetMapping("/")
    @PreAuthorize(Perms.SIGNED_IN)
    String home(Model model) {
        model.addAttribute("summary", home.summary());
        return "home/home";
    }
}
