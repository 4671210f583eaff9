package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** parse_xml against each row of parse-xml-function.md's conversion table, and input it must refuse. */
class ParseXmlTest extends DuckDbTestBase {

    private static Object xml(String text) throws Exception {
        return one("print x = tostring(parse_xml('" + text.replace("'", "\\'") + "'))");
    }

    @Test
    void conversionTable_eachRow_givesTheDocumentedJson() throws Exception {
        assertThat(xml("<e/>")).isEqualTo("{\"e\":null}");
        assertThat(xml("<e>text</e>")).isEqualTo("{\"e\":\"text\"}");
        assertThat(xml("<e name=\"value\" />")).isEqualTo("{\"e\":{\"@name\":\"value\"}}");
        assertThat(xml("<e name=\"value\">text</e>")).isEqualTo("{\"e\":{\"@name\":\"value\",\"#text\":\"text\"}}");
        assertThat(xml("<e> <a>text</a> <b>text</b> </e>")).isEqualTo("{\"e\":{\"a\":\"text\",\"b\":\"text\"}}");
        assertThat(xml("<e> <a>text</a> <a>text</a> </e>")).isEqualTo("{\"e\":{\"a\":[\"text\",\"text\"]}}");
        assertThat(xml("<e> text <a>text</a> </e>")).isEqualTo("{\"e\":{\"#text\":\"text\",\"a\":\"text\"}}");
    }

    @Test
    void parsedDocument_readsByPathAndIndex() throws Exception {
        assertThat(row("""
                print d = parse_xml('<?xml version="1.0" encoding="UTF-8"?><duration><value>118.0</value><min>100.0</min></duration>')
                | project v = tostring(d.duration.value), m = tostring(d['duration']['min'])""")).containsExactly("118.0", "100.0");
        assertThat(one("print tostring(parse_xml('<Event><Data Name=\"a\">1</Data><Data Name=\"b\">2</Data></Event>').Event.Data[1]['@Name'])"))
                .isEqualTo("b");
    }

    @Test
    void invalidXml_isNull() throws Exception {
        assertThat(one("print isnull(parse_xml('<e><x>'))")).isEqualTo(true);
        assertThat(one("print isnull(parse_xml('not xml'))")).isEqualTo(true);
    }

    @Test
    void documentType_isRefused_soEntitiesCannotReadFiles() throws Exception {
        assertThat(one("print isnull(parse_xml('<!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><e>&x;</e>'))")).isEqualTo(true);
    }

    @Test
    void inputOverOneMegabyte_isNull() throws Exception {
        assertThat(one("print isnull(parse_xml(strcat('<e>', strrep('a', 1048576), '</e>')))")).isEqualTo(true);
        assertThat(one("print isnotnull(parse_xml(strcat('<e>', strrep('a', 1000), '</e>')))")).isEqualTo(true);
    }
}
