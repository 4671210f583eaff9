package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.KqlType;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ResultWorkbookTest {
    @Test
    void cells_keepTheirTypes_largeIntegersStayExact_andLongTextIsCut() throws Exception {
        HuntingResult r = new HuntingResult("id", "q", Instant.EPOCH, null,
                List.of(new OutputColumn("n", KqlType.LONG), new OutputColumn("big", KqlType.LONG), new OutputColumn("ok", KqlType.BOOL),
                        new OutputColumn("bag", KqlType.DYNAMIC), new OutputColumn("s", KqlType.STRING)),
                List.<Object[]>of(new Object[] {42L, -6_000_000_000_000_000_000L, true, java.util.Map.of("a", 1), "x".repeat(40_000)},
                        new Object[] {null, null, null, null, null}),
                false, 30_000, Duration.ZERO, Optional.empty(), List.of(), Duration.ZERO, null, "Table/1:x", List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWorkbook.write(r, JsonMapper.builder().build(), out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Table_1_x");
            var row = sheet.getRow(1);
            assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(42.0);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("-6000000000000000000");
            assertThat(row.getCell(2).getBooleanCellValue()).isTrue();
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("{\"a\":1}");
            assertThat(row.getCell(4).getStringCellValue()).hasSize(ResultWorkbook.MAX_CELL_TEXT).endsWith("…");
            assertThat(sheet.getRow(2).getCell(0)).satisfiesAnyOf(c -> assertThat(c).isNull(),
                    c -> assertThat(c.getCellType()).isEqualTo(CellType.BLANK));
        }
    }
}
