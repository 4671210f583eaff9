package dev.rampart.portal.help;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.help.HelpTopics.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpTopicsTest {
    private final HelpTopics help = new HelpTopics();

    @Test
    void parse_takesTitleSummaryHeadingsAndBullets() {
        HelpTopics.Topic t = HelpTopics.parse("x", "# Title here\nThe summary.\n\n## Part\n- one\n- two\n\nA paragraph.\n");
        assertThat(t.title()).isEqualTo("Title here");
        assertThat(t.summary()).isEqualTo("The summary.");
        assertThat(t.blocks()).extracting(HelpTopics.Block::kind).containsExactly("heading", "list", "paragraph");
        assertThat(t.blocks().get(1).items()).containsExactly("one", "two");
    }

    @Test
    void search_matchesWordPrefixes_titleMatchesFirst() {
        assertThat(help.search("hunt", 5)).extracting(HelpTopics.Topic::slug).first().isEqualTo("hunting");
        assertThat(help.search("correlation window", 5)).extracting(HelpTopics.Topic::slug).containsExactly("incident-correlation");
        assertThat(help.search("zzzunknown", 5)).isEmpty();
        assertThat(help.search("  ", 5)).isEmpty();
    }

    @Test
    void everyTopicHasATitleAndSummary() {
        assertThat(help.all()).hasSize(HelpTopics.SLUGS.size()).allSatisfy(t -> {
            assertThat(t.title()).isNotBlank().isNotEqualTo(t.slug());
            assertThat(t.summary()).isNotBlank();
        });
    }

    @Test
    void spans_splitBackticksIntoCode() {
        assertThat(HelpTopics.spans("run `import x` now")).containsExactly(new Span("run ", false), new Span("import x", true), new Span(" now", false));
        assertThat(HelpTopics.spans("plain")).isEqualTo(List.of(new Span("plain", false)));
    }
}
