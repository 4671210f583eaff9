package dev.rampart.portal.response.liveresponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    @Test
    void parse_quotedPathWithBackslashes_keepsThemAsOneArgument() {
        CommandLine c = CommandLine.parse("fileinfo \"C:\\Program Files\\app\\a b.exe\"");
        assertThat(c.command()).isEqualTo(LiveCommand.FILEINFO);
        assertThat(c.args()).containsExactly("C:\\Program Files\\app\\a b.exe");
    }

    @Test
    void parse_outputJsonAndBackground_areOptionsNotArguments() {
        CommandLine c = CommandLine.parse("PROCESSES sshd -output json &");
        assertThat(c.command()).isEqualTo(LiveCommand.PROCESSES);
        assertThat(c.args()).containsExactly("sshd");
        assertThat(c.json()).isTrue();
        assertThat(c.background()).isTrue();
    }

    @Test
    void parse_runWithParameters_takesTheQuotedValue() {
        CommandLine c = CommandLine.parse("run collect.sh -parameters \"-days 7 -all\"");
        assertThat(c.args()).containsExactly("collect.sh");
        assertThat(c.options()).isEqualTo(Map.of("parameters", "-days 7 -all"));
    }

    @Test
    void parse_quotedDashArgument_isAnArgument() {
        assertThat(CommandLine.parse("fileinfo \"-odd name\"").args()).containsExactly("-odd name");
    }

    @Test
    void parse_quotedFolderEndingInBackslash_isAFolderNotAnOpenQuote() {
        assertThat(CommandLine.parse("cd \"C:\\Temp\\\"").args()).containsExactly("C:\\Temp\\");
    }

    @Test
    void parse_controlCharacter_isRefusedWithItsColumn() {
        assertThatThrownBy(() -> CommandLine.parse("dir a\u0000b")).hasMessage("column 6: control character U+0000 is not allowed");
    }

    @Test
    void parse_remediateFile_keepsKindAndTarget() {
        CommandLine c = CommandLine.parse("remediate file /tmp/x.bin");
        assertThat(c.args()).isEqualTo(List.of("file", "/tmp/x.bin"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|commandLine is empty; type a command, or help for the list",
            "dri|column 1: unknown command 'dri' (did you mean dir?); type help for the list",
            "'  format c:'|column 3: unknown command 'format'; type help for the list",
            "cd|column 3: cd takes 1 argument, got 0; usage: cd <folder>",
            "dir a b|column 7: dir takes 0 to 1 argument, got 2; usage: dir [folder]",
            "getfile \"/tmp/a|column 9: the quote opened here is not closed",
            "dir -recurse|column 5: dir has no option -recurse",
            "run x.sh -verbose|column 10: run has no option -verbose; it takes [-parameters]",
            "run x.sh -parameters|column 10: -parameters needs a value",
            "processes -output xml|column 11: -output takes json or table",
            "remediate registry HKLM\\x|column 11: 'registry' is not one of [file, process, scheduledtask, service, startupitem]",
            "undo process 42|column 6: a stopped process cannot be restarted by undo",
            "help dri|column 6: no command 'dri' (did you mean dir?)",
            "&|column 1: & runs a command in the background; put a command before it",
            "run x.sh -parameters \"-a b\" extra|column 29: run takes 1 argument, got 2; usage: run <script> [-parameters \"...\"]",
    })
    void parse_badInput_namesTheColumn(String line, String message) {
        assertThatThrownBy(() -> CommandLine.parse(line)).isInstanceOf(LiveResponseException.class)
                .hasMessage(message.startsWith("commandLine ") ? message.substring("commandLine ".length()) : message);
    }
}
