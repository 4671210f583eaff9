package dev.rampart.portal.hunting;

import dev.rampart.kql.schema.KqlType;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import tools.jackson.databind.ObjectMapper;

/**
 * A hunting result as an Excel workbook: one sheet, a bold frozen header with filters, and typed cells (numbers as
 * numbers, datetimes as UTC date-times, booleans as booleans, dynamic values as JSON text), so sorting and formulas
 * work in the spreadsheet. Rows stream to disk, so a full 30,000-row result does not sit in memory as cell objects.
 */
final class ResultWorkbook {
    /** Excel refuses longer cell text. */
    static final int MAX_CELL_TEXT = 32_767;

    private ResultWorkbook() {
    }

    static void write(HuntingResult r, ObjectMapper json, OutputStream out) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            wb.setCompressTempFiles(true);
            SXSSFSheet sheet = wb.createSheet(sheetName(r.name()));
            CellStyle header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle time = wb.createCellStyle();
            time.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss.000"));
            List<OutputColumn> cols = r.columns();
            Row head = sheet.createRow(0);
            for (int i = 0; i < cols.size(); i++) {
                Cell c = head.createCell(i);
                c.setCellValue(cols.get(i).name());
                c.setCellStyle(header);
            }
            sheet.createFreezePane(0, 1);
            if (!cols.isEmpty()) {
                sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r.rows().size()), 0, cols.size() - 1));
            }
            int n = 1;
            for (Object[] row : r.rows()) {
                Row x = sheet.createRow(n++);
                for (int i = 0; i < row.length; i++) {
                    if (row[i] != null) {
                        cell(x.createCell(i), cols.get(i).type(), row[i], time, json);
                    }
                }
            }
            for (int i = 0; i < cols.size(); i++) {
                sheet.setColumnWidth(i, 256 * Math.min(60, Math.max(10, cols.get(i).name().length() + 4)));
            }
            wb.write(out);
            wb.dispose();
        }
    }

    private static void cell(Cell c, KqlType type, Object v, CellStyle time, ObjectMapper json) {
        if (v instanceof Instant t) {
            c.setCellValue(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
            c.setCellStyle(time);
        } else if (v instanceof Boolean b) {
            c.setCellValue(b);
        } else if (v instanceof Number num && type != KqlType.TIMESPAN && type != KqlType.DYNAMIC && exact(num)) {
            c.setCellValue(num.doubleValue());
        } else {
            String s = ResultView.text(v, json);
            c.setCellValue(s.length() > MAX_CELL_TEXT ? s.substring(0, MAX_CELL_TEXT - 1) + "…" : s);
        }
    }

    /** Excel keeps 15 significant digits: a larger integer (an id, a hash) goes in as text rather than rounded. */
    private static boolean exact(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            long v = n.longValue();
            return v > -1_000_000_000_000_000L && v < 1_000_000_000_000_000L;
        }
        return !(n instanceof java.math.BigInteger) && !(n instanceof java.math.BigDecimal bd && bd.precision() > 15);
    }

    /** Excel sheet names: at most 31 characters, none of []:*?/\ . */
    static String sheetName(String name) {
        String s = name == null || name.isBlank() ? "Results" : name.replaceAll("[\\[\\]:*?/\\\\]", "_");
        return s.length() > 31 ? s.substring(0, 31) : s;
    }
}
