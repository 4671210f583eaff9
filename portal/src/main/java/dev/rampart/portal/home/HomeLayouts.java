package dev.rampart.portal.home;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.workloads.Workloads;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which cards a user's home page shows, in order. Until the user customises it, the set follows their role:
 * administrators see platform health first, responders their investigation starting points, readers the estate.
 * Cards the user may no longer open (role changed) or whose workload is off are skipped, never shown empty; a customised
 * layout keeps them, so they come back when the workload is turned on again.
 */
@Service
public class HomeLayouts {
    public enum Move { UP, DOWN }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Workloads workloads;

    HomeLayouts(JdbcClient jdbc, AuditLog audit, Workloads workloads) {
        this.workloads = workloads;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The default set for the user's permissions (the role they hold decides it). */
    static List<HomeCard> defaults(Authentication auth) {
        if (AccessPolicy.can(auth, Permission.AUTHORIZATION_MANAGE)) {
            return List.of(HomeCard.INGESTION_HEALTH, HomeCard.TELEMETRY_VOLUME, HomeCard.DEVICES_BY_OS, HomeCard.SIGN_IN_FAILURES);
        }
        if (AccessPolicy.can(auth, Permission.ALERTS_MANAGE) || AccessPolicy.can(auth, Permission.RESPONSE_MANAGE)) {
            return List.of(HomeCard.ACTIVE_INCIDENTS, HomeCard.SIGN_IN_FAILURES, HomeCard.TOP_PROCESSES, HomeCard.HUNTING_QUICK_START, HomeCard.DEVICES_AT_RISK,
                    HomeCard.THREAT_ANALYTICS, HomeCard.DEVICES_BY_OS);
        }
        return List.of(HomeCard.DEVICES_BY_OS, HomeCard.ACTIVE_INCIDENTS, HomeCard.SIGN_IN_FAILURES, HomeCard.TELEMETRY_VOLUME, HomeCard.HUNTING_QUICK_START,
                HomeCard.THREAT_ANALYTICS);
    }

    /** The user's cards in order, limited to those they may open and whose workload is on. */
    public List<HomeCard> cards(Authentication auth) {
        List<HomeCard> chosen = customised(auth.getName()) ? stored(auth.getName()) : defaults(auth);
        var on = workloads.enabled();
        return chosen.stream().filter(c -> AccessPolicy.can(auth, c.permission()) && (c.workload() == null || on.contains(c.workload()))).toList();
    }

    /** Cards the user may add (may open, workload on, not showing yet). */
    public List<HomeCard> addable(Authentication auth) {
        List<HomeCard> current = cards(auth);
        var on = workloads.enabled();
        return Arrays.stream(HomeCard.values()).filter(c -> !current.contains(c) && AccessPolicy.can(auth, c.permission())
                && (c.workload() == null || on.contains(c.workload()))).toList();
    }

    public boolean customised(String username) {
        return jdbc.sql("SELECT count(*) FROM home_layout WHERE username = ?").param(username).query(Long.class).single() > 0;
    }

    private List<HomeCard> stored(String username) {
        return jdbc.sql("SELECT card_id FROM home_card WHERE username = ? ORDER BY position").param(username).query(String.class).list()
                .stream().flatMap(id -> HomeCard.byId(id).stream()).toList();
    }

    @Transactional
    public void add(Authentication auth, HomeCard card) {
        List<HomeCard> cards = new ArrayList<>(cards(auth));
        if (!AccessPolicy.can(auth, card.permission())) {
            throw new IllegalArgumentException("You may not open the page behind the card \"" + card.title() + "\".");
        }
        if (!cards.contains(card)) {
            cards.add(card);
        }
        save(auth.getName(), cards, "home.card.add", card);
    }

    @Transactional
    public void remove(Authentication auth, HomeCard card) {
        List<HomeCard> cards = new ArrayList<>(cards(auth));
        cards.remove(card);
        save(auth.getName(), cards, "home.card.remove", card);
    }

    @Transactional
    public void move(Authentication auth, HomeCard card, Move move) {
        List<HomeCard> cards = new ArrayList<>(cards(auth));
        int i = cards.indexOf(card);
        int j = move == Move.UP ? i - 1 : i + 1;
        if (i < 0 || j < 0 || j >= cards.size()) {
            return;
        }
        cards.set(i, cards.get(j));
        cards.set(j, card);
        save(auth.getName(), cards, "home.card.move", card);
    }

    /** Back to the role's default set. */
    @Transactional
    public void reset(Authentication auth) {
        jdbc.sql("DELETE FROM home_layout WHERE username = ?").param(auth.getName()).update();
        audit.record("home.cards.reset", "home_layout", auth.getName(), "default cards for the role");
    }

    private void save(String username, List<HomeCard> visible, String action, HomeCard card) {
        // Cards hidden only because their workload is off stay in the layout (after the visible ones).
        var on = workloads.enabled();
        List<HomeCard> cards = new ArrayList<>(visible);
        (customised(username) ? stored(username) : List.<HomeCard>of()).stream()
                .filter(c -> c.workload() != null && !on.contains(c.workload()) && !cards.contains(c)).forEach(cards::add);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("MERGE INTO home_layout t USING (VALUES (?)) v(u) ON t.username = v.u WHEN MATCHED THEN UPDATE SET updated_at = ? "
                + "WHEN NOT MATCHED THEN INSERT (username, updated_at) VALUES (v.u, ?)").params(username, now, now).update();
        jdbc.sql("DELETE FROM home_card WHERE username = ?").param(username).update();
        for (int i = 0; i < cards.size(); i++) {
            jdbc.sql("INSERT INTO home_card (username, card_id, position) VALUES (?, ?, ?)").params(username, cards.get(i).id(), i).update();
        }
        audit.record(action, "home_layout", username, card.id() + "; now " + cards.stream().map(HomeCard::id).toList());
    }
}
