package dev.rampart.portal.incidents;

import com.lowagie.text.Chunk;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import java.awt.Color;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/** Fonts, headings and table cells of the incident report, so the report reads as one document. */
final class PdfBlocks {
    static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD, new Color(0x1b, 0x1f, 0x24));
    static final Font H2 = new Font(Font.HELVETICA, 12, Font.BOLD, new Color(0x11, 0x26, 0x3f));
    static final Font H3 = new Font(Font.HELVETICA, 10, Font.BOLD, new Color(0x1b, 0x1f, 0x24));
    static final Font BODY = new Font(Font.HELVETICA, 8.5f, Font.NORMAL, new Color(0x1b, 0x1f, 0x24));
    static final Font BOLD = new Font(Font.HELVETICA, 8.5f, Font.BOLD, new Color(0x1b, 0x1f, 0x24));
    static final Font MUTED = new Font(Font.HELVETICA, 8, Font.ITALIC, new Color(0x5b, 0x64, 0x70));
    static final Font MONO = new Font(Font.COURIER, 8, Font.NORMAL, new Color(0x1b, 0x1f, 0x24));
    private static final Color HEAD_BG = new Color(0xe7, 0xef, 0xfb);
    private static final Color LINE = new Color(0xd9, 0xdc, 0xe1);
    private static final Charset WIN_ANSI = Charset.forName("windows-1252");

    private PdfBlocks() {
    }

    /**
     * Text the built-in Helvetica can show: characters outside Windows-1252 become '?', so nothing silently
     * vanishes from the report.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        CharsetEncoder enc = WIN_ANSI.newEncoder();
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            b.append(cp == '\n' || cp == '\t' || enc.canEncode(c) ? c : "?");
        });
        return b.toString();
    }

    static String clip(String s, int max) {
        String t = text(s);
        return t.length() <= max ? t : t.substring(0, max - 1) + "...";
    }

    static Paragraph heading(String s) {
        Paragraph p = new Paragraph(text(s), H2);
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        return p;
    }

    static Paragraph subheading(String s) {
        Paragraph p = new Paragraph(text(s), H3);
        p.setSpacingBefore(6);
        p.setSpacingAfter(3);
        return p;
    }

    static Paragraph note(String s) {
        Paragraph p = new Paragraph(text(s), MUTED);
        p.setSpacingBefore(2);
        p.setSpacingAfter(2);
        return p;
    }

    /** A full-width table whose header row repeats on every page it spans. */
    static PdfPTable table(float[] widths, String... headers) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setHeaderRows(1);
        t.setSpacingBefore(2);
        t.setSpacingAfter(4);
        t.setSplitLate(false);
        for (String h : headers) {
            PdfPCell c = cell(h, BOLD);
            c.setBackgroundColor(HEAD_BG);
            t.addCell(c);
        }
        return t;
    }

    static PdfPCell cell(String s, Font f) {
        PdfPCell c = new PdfPCell(new Phrase(new Chunk(text(s), f)));
        c.setPadding(3);
        c.setBorderColor(LINE);
        c.setVerticalAlignment(Element.ALIGN_TOP);
        return c;
    }

    static void row(PdfPTable t, String... cells) {
        for (String s : cells) {
            t.addCell(cell(s, BODY));
        }
    }
}
