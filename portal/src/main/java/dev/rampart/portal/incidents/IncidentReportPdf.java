package dev.rampart.portal.incidents;

import static dev.rampart.portal.incidents.PdfBlocks.clip;
import static dev.rampart.portal.incidents.PdfBlocks.heading;
import static dev.rampart.portal.incidents.PdfBlocks.note;
import static dev.rampart.portal.incidents.PdfBlocks.row;
import static dev.rampart.portal.incidents.PdfBlocks.subheading;
import static dev.rampart.portal.incidents.PdfBlocks.table;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfStamper;
import com.lowagie.text.pdf.PdfWriter;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Perms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The incident report as a paginated A4 PDF with the sections the user picked, a header (incident, generation
 * time) and a "page x of y" footer on every page. The attack story is printed as a chronological table of alerts
 * and the entities they involve (the interactive graph is drawn by the browser only). Impacted assets are capped at
 * {@value #MAX_ASSETS_PER_TYPE} per type and evidence at {@value #MAX_EVIDENCE} items, as in the reference; the
 * report says how many were left out. Every export is audited.
 */
@Service
public class IncidentReportPdf {
    public static final int MAX_ASSETS_PER_TYPE = 10;
    public static final int MAX_EVIDENCE = 100;
    public static final int MAX_ALERTS = 500;
    public static final int MAX_ACTIVITY = 500;
    private static final int MAX_ENTITIES_PER_ALERT = 12;

    private final IncidentDetails details;
    private final IncidentService incidents;
    private final AuditLog audit;

    public IncidentReportPdf(IncidentDetails details, IncidentService incidents, AuditLog audit) {
        this.details = details;
        this.incidents = incidents;
        this.audit = audit;
    }

    /**
     * Renders the report of one incident.
     *
     * @throws IncidentService.NotFoundException when the incident does not exist
     * @throws InvalidValueException             naming {@code sections} when none is chosen
     */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public byte[] render(long incidentId, Set<ReportSection> sections) {
        if (sections.isEmpty()) {
            throw new InvalidValueException("sections", "choose at least one section");
        }
        IncidentDetails.Snapshot s = details.snapshot(incidentId);
        List<IncidentActivity> activity = sections.contains(ReportSection.ACTIVITY) ? incidents.activity(incidentId) : List.of();
        Instant now = Instant.now();
        byte[] pdf = stamp(body(s, activity, sections, now), s.incident(), now);
        audit.record("incident.report.export", "incident", String.valueOf(incidentId), "PDF report with "
                + sections.stream().map(ReportSection::label).collect(Collectors.joining(", ")) + " (" + pdf.length + " bytes)");
        return pdf;
    }

    private byte[] body(IncidentDetails.Snapshot s, List<IncidentActivity> activity, Set<ReportSection> sections, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 56, 48);
        try {
            PdfWriter.getInstance(doc, out);
            Incident i = s.incident();
            doc.addTitle(PdfBlocks.text("Incident " + i.id() + ": " + i.displayName()));
            doc.addCreator("Rampart");
            doc.open();
            doc.add(new Paragraph(PdfBlocks.text(i.displayName()), PdfBlocks.TITLE));
            doc.add(note("Incident " + i.id() + " report, generated " + IncidentViews.exact(now) + ". Sections: "
                    + List.of(ReportSection.values()).stream().filter(sections::contains).map(ReportSection::label).collect(Collectors.joining(", ")) + "."));
            IncidentSummary summary = s.summary();
            for (ReportSection section : ReportSection.values()) {
                if (!sections.contains(section)) {
                    continue;
                }
                switch (section) {
                    case OVERVIEW -> overview(doc, summary);
                    case ATTACK_STORY -> story(doc, s.alerts(), summary);
                    case ASSETS -> assets(doc, s.evidence());
                    case EVIDENCE -> evidence(doc, s.evidence());
                    case ALERTS -> alerts(doc, s.alerts());
                    case ACTIVITY -> activity(doc, activity);
                }
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("could not lay out the incident report", e);
        }
        return out.toByteArray();
    }

    private static void overview(Document doc, IncidentSummary sum) throws DocumentException {
        Incident i = sum.incident();
        doc.add(heading(ReportSection.OVERVIEW.label()));
        PdfPTable t = table(new float[] {1.3f, 4f}, "Property", "Value");
        row(t, "Incident ID", String.valueOf(i.id()));
        row(t, "Status", i.status().label());
        row(t, "Severity", i.severity().label() + (i.severitySetByUser() ? " (set by an analyst)" : ""));
        row(t, "Classification", i.classification().label() + (i.determination() == Determination.UNKNOWN ? "" : " / " + i.determination().label()));
        row(t, "Assigned to", i.assignedTo() == null ? "Unassigned" : i.assignedTo());
        row(t, "Tags", i.tags().isEmpty() ? "None" : i.tags().stream().map(Incident.Tag::name).collect(Collectors.joining(", ")));
        row(t, "Categories", sum.killChain().stream().filter(c -> !c.alerts().isEmpty()).map(IncidentSummary.Column::label)
                .collect(Collectors.joining(", ")));
        row(t, "Service sources", String.join(", ", sum.sources().stream().map(AlertSources::service).toList()));
        row(t, "First activity", IncidentViews.exact(i.firstActivity()));
        row(t, "Last activity", IncidentViews.exact(i.lastActivity()));
        row(t, "Created / updated", IncidentViews.exact(i.createdAt()) + " / " + IncidentViews.exact(i.lastUpdateAt()));
        row(t, "Alerts", sum.alertCount() + " (" + sum.alertsBySeverity().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().label().toLowerCase()).collect(Collectors.joining(", ")) + ")");
        row(t, "Impacted assets", sum.scope().stream().map(sc -> sc.count() + " " + sc.label().toLowerCase()).collect(Collectors.joining(", ")));
        row(t, "Evidence", sum.evidenceCount() + " entities (" + sum.evidenceByVerdict().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().label().toLowerCase()).collect(Collectors.joining(", ")) + ")");
        if (i.resolvingComment() != null && !i.resolvingComment().isBlank()) {
            row(t, "Resolution note", i.resolvingComment());
        }
        doc.add(t);
    }

    private static void story(Document doc, List<Alert> alerts, IncidentSummary sum) throws DocumentException {
        doc.add(heading(ReportSection.ATTACK_STORY.label()));
        doc.add(note("Threat categories along the MITRE ATT&CK kill chain: " + sum.killChain().stream().filter(c -> !c.alerts().isEmpty())
                .map(c -> c.label() + " (" + c.alerts().size() + ")").collect(Collectors.joining(" > ")) + "."));
        doc.add(note("Alerts in the order they happened with the entities each involves; the interactive graph is on the incident page."));
        PdfPTable t = table(new float[] {1.3f, 2.6f, 0.9f, 1.4f, 3.2f}, "First activity (UTC)", "Alert", "Severity", "Category / MITRE", "Entities");
        for (Alert a : alerts.stream().limit(MAX_ALERTS).toList()) {
            String entities = a.evidence().stream().limit(MAX_ENTITIES_PER_ALERT).map(e -> e.type().label() + ": " + clip(e.display(), 90))
                    .collect(Collectors.joining("\n"));
            if (a.evidence().size() > MAX_ENTITIES_PER_ALERT) {
                entities += "\n+" + (a.evidence().size() - MAX_ENTITIES_PER_ALERT) + " more";
            }
            row(t, IncidentViews.time(a.firstActivity()), a.title(), a.severity().label(),
                    a.category().label() + (a.mitreTechniques().isEmpty() ? "" : "\n" + String.join(", ", a.mitreTechniques())), entities);
        }
        doc.add(t);
        more(doc, alerts.size() - MAX_ALERTS, "alerts");
    }

    private static void assets(Document doc, List<IncidentEvidence.Item> evidence) throws DocumentException {
        doc.add(heading(ReportSection.ASSETS.label()));
        doc.add(note("At most " + MAX_ASSETS_PER_TYPE + " per asset type, those most alerts involve first."));
        for (EntityType type : IncidentSummary.ASSET_TYPES) {
            List<IncidentEvidence.Item> ranked = IncidentSummary.rankedAssets(evidence, type);
            String label = new IncidentSummary.Scope(type, ranked.size(), List.of()).label();
            doc.add(subheading(label + " (" + ranked.size() + ")"));
            if (ranked.isEmpty()) {
                doc.add(note("No " + label.toLowerCase() + " are involved."));
                continue;
            }
            PdfPTable t = table(new float[] {4f, 0.8f, 1.1f, 1.6f}, "Name", "Alerts", "Verdict", "Remediation");
            ranked.stream().limit(MAX_ASSETS_PER_TYPE).forEach(e -> row(t, clip(e.display(), 300), String.valueOf(e.alertCount()),
                    e.verdict().label(), e.remediation()));
            doc.add(t);
            more(doc, ranked.size() - MAX_ASSETS_PER_TYPE, label.toLowerCase());
        }
    }

    private static void evidence(Document doc, List<IncidentEvidence.Item> evidence) throws DocumentException {
        doc.add(heading(ReportSection.EVIDENCE.label() + " (" + evidence.size() + ")"));
        if (evidence.isEmpty()) {
            doc.add(note("The alerts of this incident name no entities."));
            return;
        }
        PdfPTable t = table(new float[] {1f, 4f, 1f, 1.5f, 0.7f}, "Type", "Entity", "Verdict", "Remediation", "Alerts");
        evidence.stream().limit(MAX_EVIDENCE).forEach(e -> row(t, e.type().label(), clip(e.display(), 300), e.verdict().label(),
                e.remediation(), String.valueOf(e.alertCount())));
        doc.add(t);
        more(doc, evidence.size() - MAX_EVIDENCE, "evidence items");
    }

    private static void alerts(Document doc, List<Alert> alerts) throws DocumentException {
        doc.add(heading(ReportSection.ALERTS.label() + " (" + alerts.size() + ")"));
        PdfPTable t = table(new float[] {1.5f, 2.6f, 0.9f, 0.9f, 1.3f, 1.2f, 2.2f}, "Alert ID", "Title", "Severity", "Status", "Source",
                "First activity (UTC)", "Reason linked");
        for (Alert a : alerts.stream().limit(MAX_ALERTS).toList()) {
            row(t, a.id(), a.title(), a.severity().label(), a.status().label(), a.serviceSource(), IncidentViews.time(a.firstActivity()),
                    clip(a.reasonLinked(), 400));
        }
        doc.add(t);
        more(doc, alerts.size() - MAX_ALERTS, "alerts");
    }

    private static void activity(Document doc, List<IncidentActivity> activity) throws DocumentException {
        doc.add(heading(ReportSection.ACTIVITY.label() + " (" + activity.size() + ")"));
        if (activity.isEmpty()) {
            doc.add(note("Nothing has been recorded yet."));
            return;
        }
        PdfPTable t = table(new float[] {1.3f, 1.2f, 0.7f, 5f}, "Time (UTC)", "By", "Kind", "Entry");
        activity.stream().limit(MAX_ACTIVITY).forEach(a -> row(t, IncidentViews.time(a.occurredAt()), a.actor(), a.kind(), clip(a.text(), 2000)));
        doc.add(t);
        more(doc, activity.size() - MAX_ACTIVITY, "older entries");
    }

    private static void more(Document doc, int left, String what) throws DocumentException {
        if (left > 0) {
            doc.add(note(left + " more " + what + " not listed."));
        }
    }

    /** Header and "page x of y" footer, stamped once the page count is known. */
    private static byte[] stamp(byte[] body, Incident i, Instant now) {
        try {
            PdfReader reader = new PdfReader(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PdfStamper stamper = new PdfStamper(reader, out);
            BaseFont font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            int pages = reader.getNumberOfPages();
            String left = clip("Rampart - Incident " + i.id() + ": " + i.displayName(), 95);
            String right = "Generated " + IncidentViews.exact(now);
            for (int p = 1; p <= pages; p++) {
                float w = reader.getPageSize(p).getWidth();
                float h = reader.getPageSize(p).getHeight();
                PdfContentByte cb = stamper.getOverContent(p);
                cb.setRGBColorStroke(0xd9, 0xdc, 0xe1);
                cb.setLineWidth(0.5f);
                cb.moveTo(36, h - 40);
                cb.lineTo(w - 36, h - 40);
                cb.moveTo(36, 34);
                cb.lineTo(w - 36, 34);
                cb.stroke();
                cb.beginText();
                cb.setRGBColorFill(0x5b, 0x64, 0x70);
                cb.setFontAndSize(font, 7.5f);
                cb.showTextAligned(PdfContentByte.ALIGN_LEFT, left, 36, h - 34, 0);
                cb.showTextAligned(PdfContentByte.ALIGN_RIGHT, right, w - 36, h - 34, 0);
                cb.showTextAligned(PdfContentByte.ALIGN_LEFT, "Incident " + i.id(), 36, 22, 0);
                cb.showTextAligned(PdfContentByte.ALIGN_RIGHT, "Page " + p + " of " + pages, w - 36, 22, 0);
                cb.endText();
            }
            stamper.close();
            reader.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException("could not stamp the incident report", e);
        }
    }
}
