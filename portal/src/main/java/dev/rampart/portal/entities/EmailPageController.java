package dev.rampart.portal.entities;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.hunting.GoHunt;
import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The email entity page ({@code /emails/<NetworkMessageId>}): the message, its recipients with delivery and
 * post-delivery actions, attachments and URLs, and email remediation (move to Junk or Inbox, soft or hard delete) for
 * one or every recipient, which waits for approval as every email remediation does.
 */
@Controller
class EmailPageController {
    static final List<ActionType> ACTIONS = List.of(ActionType.MOVE_EMAIL_TO_JUNK, ActionType.MOVE_EMAIL_TO_INBOX, ActionType.MOVE_EMAIL_TO_DELETED_ITEMS,
            ActionType.SOFT_DELETE_EMAIL,
            ActionType.HARD_DELETE_EMAIL);

    private final Emails emails;
    private final ResponseActions actions;
    private final AccessPolicy access;

    EmailPageController(Emails emails, ResponseActions actions, AccessPolicy access) {
        this.emails = emails;
        this.actions = actions;
        this.access = access;
    }

    @GetMapping("/emails/{id}")
    @PreAuthorize(Perms.EMAIL_METADATA_READ)
    String email(@PathVariable String id, @RequestParam(required = false) String notice, Model model) {
        var e = emails.email(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No email with network message id \"" + id
                + "\" is in EmailEvents within your scope."));
        model.addAttribute("email", e);
        model.addAttribute("notice", notice);
        model.addAttribute("canRemediate", access.can(Permission.RESPONSE_MANAGE));
        model.addAttribute("actions", ACTIONS);
        model.addAttribute("hunt", GoHunt.link(GoHunt.Entity.EMAIL_MESSAGE, "NetworkMessageId", id));
        model.addAttribute("recent", actions.list(new dev.rampart.portal.response.ActionQuery(null, null,
                dev.rampart.portal.response.TargetType.EMAIL, id, null, null, null, null, null, null, null), 1, 20).items());
        return "entities/email";
    }

    @PostMapping("/emails/{id}/actions")
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    String remediate(@PathVariable String id, @RequestParam String type, @RequestParam(defaultValue = "") String recipient,
                     @RequestParam(defaultValue = "") String comment) {
        var e = emails.email(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String message;
        try {
            ActionType t = ActionType.parse(type);
            if (!ACTIONS.contains(t)) {
                throw new ActionException("type", t.label() + " is not an email action");
            }
            List<String> to = recipient.isBlank() ? e.recipients().stream().map(Emails.Recipient::address).toList() : List.of(recipient);
            if (!recipient.isBlank() && e.recipients().stream().noneMatch(r -> r.address().equalsIgnoreCase(recipient))) {
                throw new ActionException("recipient", recipient + " did not receive this message");
            }
            // Reading a mailbox is not acting on it: the roles granting Response (manage) must reach each recipient.
            List<String> actable = emails.email(id, Permission.RESPONSE_MANAGE).map(x -> x.recipients().stream().map(r -> r.address().toLowerCase(java.util.Locale.ROOT))
                    .toList()).orElse(List.of());
            for (String r : to) {
                if (!actable.contains(r.toLowerCase(java.util.Locale.ROOT))) {
                    throw new ActionException("recipient", "your roles with Response (manage) do not cover the mailbox of " + r, 403);
                }
            }
            List<ActionRequest> requests = new ArrayList<>();
            for (String r : to) {
                requests.add(new ActionRequest(t, id, null, Map.of("recipient", r, "subject", e.subject() == null ? "" : e.subject()), comment, null, null));
            }
            // Every recipient's mailbox or none, under one approval id.
            var batch = actions.requestBatch(requests, clip("Email remediation: " + (e.subject() == null ? id : e.subject())), ResponseAction.MANUAL_EMAIL);
            message = t.label() + " requested for " + batch.actions().size() + (batch.actions().size() == 1 ? " recipient" : " recipients")
                    + " (approval id " + batch.id() + ")" + (t.twoStep() ? "; it waits for approval in the action center." : ".");
        } catch (ActionException x) {
            message = "Not requested: " + x.field() + " " + x.getMessage() + ".";
        }
        return "redirect:/emails/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "?notice="
                + URLEncoder.encode(message, StandardCharsets.UTF_8);
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }
}
