package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultFilterTest {
    @Test
    void parse_readsOperatorColumnAndValue_theValueKeepingItsTildes() {
        assertThat(ResultFilter.parse("has~Cmd~a~b")).isEqualTo(new ResultFilter("has", "Cmd", "a~b"));
        assertThat(ResultFilter.parse("eq~Host~")).isEqualTo(new ResultFilter("eq", "Host", ""));
    }

    @Test
    void aColumnNameWithATilde_roundTripsThroughItsEncodedForm() {
        ResultFilter f = new ResultFilter("sw", "a~b", "x~y");
        assertThat(f.encoded()).isEqualTo("sw~a~~b~x~y");
        assertThat(ResultFilter.parse(f.encoded())).isEqualTo(f);
    }

    @Test
    void unknownOperatorsAndIncompleteTexts_areNoFilter() {
        assertThat(ResultFilter.parse("like~Cmd~x")).isNull();
        assertThat(ResultFilter.parse("eq~Cmd")).isNull();
        assertThat(ResultFilter.parse("eq~~x")).isNull();
        assertThat(ResultFilter.parse(null)).isNull();
    }
}
