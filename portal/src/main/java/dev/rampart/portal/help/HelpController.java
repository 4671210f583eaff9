package dev.rampart.portal.help;

import dev.rampart.portal.access.NotFoundException;
import dev.rampart.portal.access.Perms;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Help: the list of topics and one page per topic; open to every signed-in user. */
@Controller
@PreAuthorize(Perms.SIGNED_IN)
class HelpController {
    private final HelpTopics help;

    HelpController(HelpTopics help) {
        this.help = help;
    }

    @GetMapping("/help")
    String index(Model model) {
        model.addAttribute("topics", help.all());
        return "help/index";
    }

    @GetMapping("/help/{slug}")
    String topic(@PathVariable String slug, Model model) {
        model.addAttribute("topic", help.get(slug).orElseThrow(() -> new NotFoundException("help topic", slug)));
        model.addAttribute("topics", help.all());
        return "help/topic";
    }
}
