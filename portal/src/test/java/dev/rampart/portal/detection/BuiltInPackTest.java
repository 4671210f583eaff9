package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven test of the built-in detection pack: for every rule, the rows marked "+" in
 * {@code detection/pack-cases/<rule>.cases} must raise at least one alert candidate, and the rows marked "-" none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltInPackTest {
    private EventFixture events;
    private RuleEvaluator evaluator;

    record Case(boolean positive, String table, int count, Map<String, Object> row) {
    }

    @BeforeAll
    void open() throws Exception {
        events = new EventFixture();
        evaluator = new RuleEvaluator(events.executor, Duration.ofSeconds(30));
    }

    @AfterAll
    void close() throws Exception {
        events.close();
    }

    static Stream<BuiltInPack.PackRule> rules() {
        return BuiltInPack.load().stream();
    }

    @Test
    void pack_hasAtLeastFortyRulesAcrossEndpointIdentityEmailAndCloud() {
        List<BuiltInPack.PackRule> rules = BuiltInPack.load();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(40);
        Set<String> sources = rules.stream().map(r -> DetectionEngine.serviceSource(r.draft().query())).collect(Collectors.toSet());
        assertThat(sources).contains("microsoftDefenderForEndpoint", "microsoftDefenderForIdentity", "microsoftDefenderForOffice365",
                "microsoftDefenderForCloudApps", "azureAdIdentityProtection");
        assertThat(rules.stream().flatMap(r -> r.draft().mitreTechniques().stream()).distinct().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule_alertsOnMatchingRows_andNotOnOthers(BuiltInPack.PackRule rule) throws Exception {
        List<Case> cases = cases(rule.key());
        assertThat(cases).as("cases for " + rule.key()).anyMatch(Case::positive).anyMatch(c -> !c.positive());
        RuleEvaluator.check(rule.draft().query(), rule.draft().entities());
        assertThat(run(rule, cases, true)).as(rule.key() + " on matching rows").isNotEmpty();
        assertThat(run(rule, cases, false)).as(rule.key() + " on other rows").isEmpty();
    }

    private List<RuleEvaluator.Candidate> run(BuiltInPack.PackRule rule, List<Case> cases, boolean positive) {
        Set<String> tables = cases.stream().map(Case::table).collect(Collectors.toCollection(LinkedHashSet::new));
        events.clear(tables);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Rows start on a half hour so a burst never straddles an hour boundary: rules that bin by the hour would split it.
        Instant base = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(30));
        for (Case c : cases) {
            if (c.positive() == positive) {
                events.insert(c.table(), c.count(), c.row(), base);
            }
        }
        RuleEvaluator.Evaluation e = evaluator.evaluate(rule.draft().query(), rule.draft().entities(), now, Duration.ofHours(4));
        e.candidates().forEach(c -> assertThat(c.evidence()).as("evidence of " + rule.key()).isNotEmpty());
        return e.candidates();
    }

    @SuppressWarnings("unchecked")
    static List<Case> cases(String key) throws Exception {
        List<Case> out = new ArrayList<>();
        try (InputStream in = BuiltInPackTest.class.getResourceAsStream("/detection/pack-cases/" + key + ".cases")) {
            assertThat(in).as("test cases for rule " + key).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ", 4);
                out.add(new Case(parts[0].equals("+"), parts[2], Integer.parseInt(parts[1]),
                        EventFixture.JSON.readValue(parts[3], Map.class)));
            }
        }
        return out;
    }
}
