package dev.rampart.portal.help;

import dev.rampart.portal.entities.EntitySearch.Result;
import dev.rampart.portal.entities.SearchSectionProvider;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Help topics in global search, after pages; every signed-in user may read help. */
@Component
class HelpSearchSection implements SearchSectionProvider {
    private final HelpTopics help;

    HelpSearchSection(HelpTopics help) {
        this.help = help;
    }

    @Override
    public String type() {
        return "help";
    }

    @Override
    public String title() {
        return "Help";
    }

    @Override
    public int position() {
        return 70;
    }

    @Override
    public List<Result> search(Authentication auth, String text, int limit) {
        return help.search(text, limit).stream().map(t -> new Result(t.title(), t.summary(), t.link())).toList();
    }
}
