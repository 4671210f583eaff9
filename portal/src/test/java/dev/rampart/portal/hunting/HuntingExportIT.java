package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The grid's exports (CSV, JSON, Excel) hold every row of the result (not just the page), with ISO times; other users cannot fetch them. */
class HuntingExportIT extends AbstractPortalIT {

    @Test
    void export_csvAndJson_haveAllRows_andStayPrivateToTheRunner() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> run = admin.postHtmx("/hunting/run", WebSession.form(
                "query", "range x from 1 to 120 step 1 | extend Name = strcat(\"row,\", tostring(x)), At = datetime(2026-11-01T10:00:00Z)",
                "timespan", "P1D"));
        assertThat(run.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("/hunting/results/([0-9a-f-]{36})/export\\.csv").matcher(run.body());
        assertThat(m.find()).as(run.body()).isTrue();
        String id = m.group(1);

        HttpResponse<String> csv = admin.get("/hunting/results/" + id + "/export.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        String[] lines = csv.body().strip().split("\r?\n");
        assertThat(lines).hasSize(121);
        assertThat(lines[0]).isEqualTo("x,Name,At");
        assertThat(lines[1]).isEqualTo("1,\"row,1\",2026-11-01T10:00:00.000000Z");

        HttpResponse<String> json = admin.get("/hunting/results/" + id + "/export.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).startsWith("[{\"x\":1,\"Name\":\"row,1\",\"At\":\"2026-11-01T10:00:00.000000Z\"}");

        // The workbook reads back with typed cells: numbers, UTC date-times, text; a long id stays exact as text.
        HttpResponse<byte[]> xlsx = admin.getBytes("/hunting/results/" + id + "/export.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(120);
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("At");
            assertThat(sheet.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(1.0);
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("row,1");
            assertThat(sheet.getRow(120).getCell(2).getLocalDateTimeCellValue()).isEqualTo(java.time.LocalDateTime.of(2026, 11, 1, 10, 0));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        if (!users().exists("export-other")) {
            users().create("export-other", "Other analyst", null, "export-other-password", java.util.List.of("security-operator"));
        }
        WebSession other = WebSession.signIn(port, "export-other", "export-other-password");
        assertThat(other.get("/hunting/results/" + id + "/export.csv").statusCode()).isEqualTo(404);
        assertThat(other.getBytes("/hunting/results/" + id + "/export.xlsx").statusCode()).isEqualTo(404);
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.rampart.portal.access.UserAccounts accounts;

    dev.rampart.portal.access.UserAccounts users() {
        return accounts;
    }
}
