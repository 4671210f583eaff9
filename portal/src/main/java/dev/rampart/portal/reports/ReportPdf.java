package dev.rampart.portal.reports;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.HeaderFooter;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload report as an A4 PDF: headline figures, the daily figures as a table (charts are drawn by the
 * browser only) and every breakdown, with a page-numbered footer.
 */
final class ReportPdf {
    private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD, new Color(0x1b, 0x1f, 0x24));
    private static final Font H2 = new Font(Font.HELVETICA, 12, Font.BOLD, new Color(0x11, 0x26, 0x3f));
    private static final Font BODY = new Font(Font.HELVETICA, 8.5f, Font.NORMAL, new Color(0x1b, 0x1f, 0x24));
    private static final Font BOLD = new Font(Font.HELVETICA, 8.5f, Font.BOLD, new Color(0x1b, 0x1f, 0x24));
    private static final Font MUTED = new Font(Font.HELVETICA, 8, Font.ITALIC, new Color(0x5b, 0x64, 0x70));
    private static final Color HEAD_BG = new Color(0xe7, 0xef, 0xfb);
    private static final Charset WIN_ANSI = Charset.forName("windows-1252");

    private ReportPdf() {
    }

    static byte[] render(WorkloadReport r, String user, Instant generated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 36, 42);
        PdfWriter.getInstance(doc, out);
        HeaderFooter footer = new HeaderFooter(new Phrase(text("Rampart - " + r.title() + " - page "), MUTED), true);
        footer.setAlignment(Element.ALIGN_RIGHT);
        footer.setBorder(0);
        doc.setFooter(footer);
        doc.open();
        doc.add(new Paragraph(text("Rampart - " + r.title()), TITLE));
        doc.add(new Paragraph(text(r.description() + ". Last " + r.days() + " days (UTC, " + r.range() + "). Generated "
                + generated.toString().substring(0, 16).replace('T', ' ') + " UTC for " + user + "."), MUTED));

        heading(doc, "Summary");
        PdfPTable kpis = table(new float[] {3, 1}, "Figure", "Value");
        r.kpis().forEach(k -> row(kpis, k.label(), String.valueOf(k.value())));
        doc.add(kpis);

        heading(doc, "Per day");
        List<String> headers = new ArrayList<>(List.of("Date"));
        r.daily().forEach(s -> headers.add(s.name()));
        float[] widths = new float[headers.size()];
        java.util.Arrays.fill(widths, 1);
        PdfPTable daily = table(widths, headers.toArray(String[]::new));
        for (int i = 0; i < r.dates().size(); i++) {
            List<String> cells = new ArrayList<>(List.of(r.dates().get(i)));
            for (Reports.Series s : r.daily()) {
                cells.add(String.valueOf(s.values().get(i)));
            }
            row(daily, cells.toArray(String[]::new));
        }
        doc.add(daily);

        for (WorkloadReport.Breakdown b : r.breakdowns()) {
            heading(doc, b.title());
            if (b.items().isEmpty()) {
                doc.add(new Paragraph(text("Nothing in this range."), MUTED));
                continue;
            }
            PdfPTable t = table(new float[] {3, 1}, b.itemHeader(), b.valueHeader());
            b.items().forEach(i -> row(t, i.label(), String.valueOf(i.value())));
            doc.add(t);
            if (b.note() != null) {
                doc.add(new Paragraph(text(b.note()), MUTED));
            }
        }
        doc.close();
        return out.toByteArray();
    }

    private static void heading(Document doc, String s) {
        Paragraph p = new Paragraph(text(s), H2);
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        doc.add(p);
    }

    private static PdfPTable table(float[] widths, String... headers) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setHeaderRows(1);
        for (String h : headers) {
            PdfPCell c = new PdfPCell(new Phrase(text(h), BOLD));
            c.setBackgroundColor(HEAD_BG);
            c.setPadding(3);
            t.addCell(c);
        }
        return t;
    }

    private static void row(PdfPTable t, String... cells) {
        for (String s : cells) {
            PdfPCell c = new PdfPCell(new Phrase(text(s), BODY));
            c.setPadding(3);
            t.addCell(c);
        }
    }

    /** Characters the built-in Helvetica cannot show become '?' rather than vanishing. */
    private static String text(String s) {
        if (s == null) {
            return "";
        }
        CharsetEncoder enc = WIN_ANSI.newEncoder();
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            b.append(enc.canEncode(c) ? c : "?");
        });
        return b.toString();
    }
}
