package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.web.Browser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** The hunting page in a real browser: run from the editor, page and sort the grid, filter a cell, chart, errors. */
class HuntingBrowserIT extends AbstractPortalIT {
    static Browser browser;
    static final String DEVICE = "hb-" + UUID.randomUUID().toString().substring(0, 6);

    @Autowired
    EventStore events;

    @BeforeAll
    static void start() {
        browser = new Browser(1440, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    static boolean seeded;

    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        Table t = events.table("DeviceNetworkEvents");
        Instant now = Instant.now();
        events.write(s -> {
            var a = s.appender("DeviceNetworkEvents");
            for (int i = 0; i < 120; i++) {
                Object[] r = new Object[t.columns().size()];
                r[t.indexOf("Timestamp")] = now.minus(Duration.ofMinutes(30L * i));
                r[t.indexOf("DeviceName")] = DEVICE;
                r[t.indexOf("ActionType")] = i % 3 == 0 ? "ConnectionFailed" : "ConnectionSuccess";
                r[t.indexOf("RemoteIP")] = "203.0.113." + (i % 7);
                r[t.indexOf("RemotePort")] = 443 + (i % 2);
                a.append(r);
            }
            return null;
        });
    }

    void runQuery(String kql) {
        browser.driver.get(url("/hunting?q=" + URLEncoder.encode(kql, StandardCharsets.UTF_8)));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror")));
        browser.driver.findElement(By.cssSelector(".CodeMirror")).click();
        browser.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    }

    @Test
    void editor_autocompletesTablesOperatorsColumnsAndValues() {
        seed();
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        browser.driver.get(url("/hunting"));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror")));
        // The page reopens the last query tab kept in this browser; another test may have left text there.
        browser.driver.executeScript("document.querySelector('.CodeMirror').CodeMirror.setValue('')");
        browser.driver.findElement(By.cssSelector(".CodeMirror")).click();
        WebElement editor = browser.driver.switchTo().activeElement();

        editor.sendKeys("DeviceNetw");
        WebElement hint = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror-hints")));
        assertThat(hint.getText()).contains("DeviceNetworkEvents").doesNotContain("DeviceProcessEvents");
        browser.shot("hunting-autocomplete");
        editor.sendKeys(Keys.ENTER);

        editor.sendKeys(Keys.ENTER, "| wh");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".CodeMirror-hints"), "where"));
        editor.sendKeys(Keys.ENTER);
        editor.sendKeys(" Remote");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".CodeMirror-hints"), "RemoteIP"));
        editor.sendKeys(Keys.ESCAPE);

        editor.sendKeys(Keys.ENTER, "| where ActionType == \"ConnectionF");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".CodeMirror-hints"), "ConnectionFailed"));
        editor.sendKeys(Keys.ENTER);
        String text = (String) browser.driver.executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue()");
        assertThat(text).isEqualTo("DeviceNetworkEvents\n| where Remote\n| where ActionType == \"ConnectionFailed");

        editor.sendKeys(Keys.END, "\"", Keys.ESCAPE, Keys.ENTER, "| evaluate slid");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".CodeMirror-hints"), "sliding_window_counts"));
        editor.sendKeys(Keys.ENTER);
        text = (String) browser.driver.executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue()");
        assertThat(text).endsWith("\n| evaluate sliding_window_counts");
    }

    @Test
    void saveQuery_appearsUnderQueries_andLoadsIntoEditor() {
        seed();
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        runQuery("DeviceNetworkEvents | take 3");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".result-bar")));
        browser.driver.findElement(By.cssSelector(".save-query summary")).click();
        browser.driver.findElement(By.id("save-name")).sendKeys("Browser saved query");
        browser.driver.findElement(By.id("save-folder")).sendKeys("Browser tests");
        browser.driver.findElement(By.xpath("//button[text()='Save query']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("save-status"), "Saved “Browser saved query”"));

        browser.driver.findElement(By.cssSelector("[data-tab=queries-pane]")).click();
        WebElement saved = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//button[text()='Browser saved query']")));
        assertThat(browser.driver.findElement(By.id("queries-panel")).getText()).contains("Browser tests").contains("DeviceNetworkEvents | take 3");
        browser.shot("hunting-queries");
        assertThat(browser.driver.findElement(By.xpath("//button[text()='Browser saved query']/following-sibling::a[text()='Link']")).getAttribute("href"))
                .endsWith("/hunting?q=DeviceNetworkEvents+%7C+take+3");
        // A star puts the gallery query under Favorites at the top of the tab.
        browser.driver.findElement(By.xpath("//div[@id='queries-panel']//details[.//button[text()='Rare external destinations']]/summary")).click();
        browser.driver.findElement(By.cssSelector("#queries-panel .star[aria-label='Add to favorites: Rare external destinations']")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#queries-panel .favorites")));
        assertThat(browser.driver.findElement(By.cssSelector("#queries-panel .favorites")).getText()).contains("Rare external destinations");
        browser.driver.findElement(By.cssSelector("#queries-panel .favorites .star.on")).click();
        browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#queries-panel .favorites")));
        saved = browser.driver.findElement(By.xpath("//button[text()='Browser saved query']"));
        browser.driver.executeScript("document.querySelector('.CodeMirror').CodeMirror.setValue('')");
        saved.click();
        assertThat((String) browser.driver.executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue()"))
                .isEqualTo("DeviceNetworkEvents | take 3");

        // Edit: rename it and replace its text with the editor's.
        browser.driver.executeScript("document.querySelector('.CodeMirror').CodeMirror.setValue('DeviceNetworkEvents | take 4')");
        WebElement edit = browser.driver.findElement(By.xpath("//li[button[text()='Browser saved query']]//details[contains(@class,'query-edit')]"));
        edit.findElement(By.tagName("summary")).click();
        WebElement name = edit.findElement(By.name("name"));
        name.clear();
        name.sendKeys("Browser renamed query");
        edit.findElement(By.name("useEditor")).click();
        browser.shot("hunting-query-edit");
        edit.findElement(By.xpath(".//button[text()='Save changes']")).click();
        WebElement renamed = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//button[text()='Browser renamed query']")));
        assertThat(renamed.getAttribute("data-load-query")).isEqualTo("DeviceNetworkEvents | take 4");
        // History: each run with its duration, and Run loads and runs it again.
        WebElement historyRun = browser.driver.findElement(By.xpath("//ul[contains(@class,'history')]/li[button[@title='DeviceNetworkEvents | take 3']]/button[text()='Run']"));
        assertThat(historyRun.findElement(By.xpath("preceding-sibling::span")).getText()).matches(".* · \\d+ ms");
        historyRun.click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-bar"), "3 items"));
    }

    @Test
    void saveAsFunction_listsItUnderFunctions_andQueriesCallIt() {
        seed();
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        String fn = "Conn_" + UUID.randomUUID().toString().substring(0, 6).replace('-', '_');
        runQuery("DeviceNetworkEvents | where DeviceName == device | summarize Connections = count() by ActionType");
        browser.driver.findElement(By.cssSelector("#save-function summary")).click();
        browser.driver.findElement(By.id("function-name")).sendKeys(fn);
        browser.driver.findElement(By.id("function-parameters")).sendKeys("device:string");
        browser.driver.findElement(By.id("function-folder")).sendKeys("Browser tests");
        browser.driver.findElement(By.xpath("//button[text()='Save function']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("function-status"), "Saved the function “" + fn + "”"));
        // Saving again updates the same function instead of refusing a second one of that name.
        assertThat(browser.driver.findElement(By.id("function-editing")).getText()).contains("Updating " + fn);

        browser.driver.findElement(By.cssSelector("[data-tab=functions-pane]")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("functions-panel"), fn + "(device:string)"));
        assertThat(browser.driver.findElement(By.id("functions-panel")).getText())
                .contains("table (ActionType:string, Connections:long)").contains("FileProfile");
        browser.shot("hunting-functions");

        runQuery(fn + "('" + DEVICE + "') | order by ActionType asc");
        WebElement bar = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".result-bar")));
        assertThat(bar.getText()).contains("2 items");
        assertThat(browser.driver.findElement(By.id("hunt-results")).getText()).contains("ConnectionFailed").contains("40");

        runQuery(fn + "()");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".query-error")));
        assertThat(browser.driver.findElement(By.cssSelector(".query-error")).getText()).contains("is missing its argument 'device'");
    }

    @Test
    void createDetectionRule_opensTheRuleFormWithTheQuery_andSavesIt() {
        seed();
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        String query = "DeviceNetworkEvents\n| where DeviceName == \"" + DEVICE + "\" and ActionType == \"ConnectionFailed\"\n"
                + "| project Timestamp, DeviceId, DeviceName, ReportId, RemoteIP";
        runQuery(query);
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".result-bar")));
        browser.driver.findElement(By.id("create-rule-btn")).click();
        WebElement text = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".rule-form textarea[name=query]")));
        assertThat(text.getAttribute("value")).isEqualTo(query);
        assertThat(browser.driver.findElement(By.cssSelector(".alert-ok")).getText()).contains("From advanced hunting");
        String name = "From hunting " + UUID.randomUUID().toString().substring(0, 6);
        browser.driver.findElement(By.cssSelector(".rule-form input[name=name]")).sendKeys(name);
        browser.driver.findElement(By.cssSelector(".rule-form input[name=title]")).sendKeys("Failed connections on {{DeviceName}}");
        browser.driver.findElement(By.xpath("//form[contains(@class,'rule-form')]//button[text()='Save']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-ok"), "Saved."));
        assertThat(browser.driver.findElement(By.cssSelector(".page-header h1")).getText()).isEqualTo(name);
    }

    @Test
    void guidedMode_buildsAndRunsAQuery_andHandsItToTheEditor() {
        seed();
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        browser.driver.get(url("/hunting"));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror")));
        browser.driver.findElement(By.cssSelector(".mode-switch [data-mode=guided]")).click();
        assertThat(browser.driver.findElement(By.cssSelector(".CodeMirror")).isDisplayed()).isFalse();
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("guided-table"))).selectByValue("DeviceNetworkEvents");
        setCondition(0, "DeviceName", "==", DEVICE);
        browser.driver.findElement(By.id("guided-add")).click();
        setCondition(1, "ActionType", "==", "ConnectionFailed");
        browser.driver.findElement(By.id("guided-add")).click();
        setCondition(2, "RemotePort", ">", "many");
        browser.driver.findElement(By.id("run-btn")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("guided-status"), "RemotePort is a number; 'many' is not."));
        assertThat(browser.driver.findElements(By.cssSelector(".guided-condition")).get(2)
                .findElement(By.name("val")).getAttribute("aria-invalid")).isEqualTo("true");

        browser.driver.findElements(By.cssSelector(".guided-condition")).get(2).findElement(By.cssSelector("[aria-label='Remove condition']")).click();
        browser.driver.findElement(By.id("run-btn")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-bar strong"), "40 items"));
        browser.shot("hunting-guided");

        browser.driver.findElement(By.id("guided-edit")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror")));
        assertThat((String) browser.driver.executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue()"))
                .isEqualTo("DeviceNetworkEvents\n| where DeviceName == \"" + DEVICE + "\"\n    and ActionType == \"ConnectionFailed\"\n| take 1000");
    }

    @Test
    void cellMenu_extendsAJsonFieldToAColumn_andPivotsOnTime() {
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        runQuery("print d = dynamic({\"a\": 1, \"b c\": \"x\"}), t = datetime(2026-01-02 03:04:05.678)\n| render table");
        menuOf("d").findElement(By.xpath(".//button[text()='Add column d_a = d.a']")).click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result-grid th[data-col=d_a]")));
        // A trailing render stays last.
        assertThat(editorText()).endsWith("\n| extend d_a = tostring(d.a)\n| render table");
        assertThat(browser.driver.findElement(By.cssSelector("#result-grid td[data-col=d_a] .cell")).getText()).isEqualTo("1");

        menuOf("d").findElement(By.xpath(".//button[text()=\"Add column d_b_c = d['b c']\"]")).click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result-grid th[data-col=d_b_c]")));
        assertThat(browser.driver.findElement(By.cssSelector("#result-grid td[data-col=d_b_c] .cell")).getText()).isEqualTo("x");

        WebElement grid = browser.driver.findElement(By.cssSelector("#result-grid"));
        menuOf("t").findElement(By.xpath(".//button[text()='Within 5 minutes of this time']")).click();
        browser.wait.until(ExpectedConditions.stalenessOf(grid));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result-grid")));
        assertThat(editorText()).endsWith("\n| where t between ((datetime(2026-01-02T03:04:05.678) - 5m) .. (datetime(2026-01-02T03:04:05.678) + 5m))\n| render table");
        assertThat(browser.driver.findElement(By.cssSelector(".result-bar strong")).getText()).isEqualTo("1 item");
    }

    @Test
    void tableReference_showsColumnsActionTypesAndExamples() {
        seed();
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        browser.driver.get(url("/hunting"));
        WebElement table = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("details[data-table=DeviceNetworkEvents] summary")));
        table.click();
        browser.driver.findElement(By.cssSelector("details[data-table=DeviceNetworkEvents] [hx-get='/hunting/tables/DeviceNetworkEvents']")).click();
        WebElement pane = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#flyout .detail-grid")));
        String text = browser.driver.findElement(By.id("flyout")).getText();
        assertThat(text).contains("DeviceNetworkEvents").contains("RemoteIP").contains("ActionType values in the data")
                .contains("ConnectionFailed").contains("ConnectionSuccess").contains("Example queries").contains("Rare external destinations");
        assertThat(pane.getText()).contains("RemotePort");
        browser.shot("hunting-table-reference");
        browser.driver.findElement(By.cssSelector("#flyout [data-close-flyout]")).click();

        // A star lists the table under Favorites at the top of the schema tab.
        browser.driver.findElement(By.cssSelector("details[data-table=DeviceNetworkEvents] .star")).click();
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#schema-list details[data-table=DeviceNetworkEvents]"), 2));
        assertThat(browser.driver.findElement(By.cssSelector("#schema-list .schema-group")).getText()).isEqualToIgnoringCase("Favorites");
        browser.driver.findElement(By.cssSelector("#schema-list details[data-table=DeviceNetworkEvents] summary")).click();
        browser.driver.findElement(By.cssSelector("#schema-list details[data-table=DeviceNetworkEvents] .star.on")).click();
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#schema-list details[data-table=DeviceNetworkEvents]"), 1));
    }

    @Test
    void customTimeRange_limitsTheRunToIt() {
        seed();
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        browser.driver.get(url("/hunting?q=" + URLEncoder.encode("DeviceNetworkEvents | where DeviceName == \"" + DEVICE + "\" | count", StandardCharsets.UTF_8)));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror")));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("timespan"))).selectByValue("custom");
        assertThat(browser.driver.findElement(By.id("custom-range")).isDisplayed()).isTrue();
        browser.driver.findElement(By.id("run-btn")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hunt-results"), "Choose both ends of the custom time range."));

        // The seed wrote one event every 30 minutes back from now: a 2-hour window 10 hours ago holds 4 or 5 of them.
        java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(java.time.ZoneOffset.UTC);
        Instant to = Instant.now().minus(Duration.ofHours(10));
        browser.driver.executeScript("document.getElementById('range-from').value = arguments[0]; document.getElementById('range-to').value = arguments[1];",
                local.format(to.minus(Duration.ofHours(2))), local.format(to));
        browser.driver.findElement(By.id("run-btn")).click();
        WebElement bar = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".result-bar")));
        assertThat(bar.getText()).contains(local.format(to).replace('T', ' '));
        long count = Long.parseLong(browser.driver.findElement(By.cssSelector("#result-grid td[data-col=Count] .cell")).getText());
        assertThat(count).isBetween(4L, 5L);
    }

    private WebElement menuOf(String column) {
        WebElement cell = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result-grid td[data-col=" + column + "]")));
        new org.openqa.selenium.interactions.Actions(browser.driver).moveToElement(cell).perform();
        cell.findElement(By.cssSelector(".cell-filter")).click();
        return browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cell-menu")));
    }

    private String editorText() {
        return (String) browser.driver.executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue()");
    }

    private void setCondition(int index, String column, String op, String value) {
        WebElement row = browser.driver.findElements(By.cssSelector(".guided-condition")).get(index);
        new org.openqa.selenium.support.ui.Select(row.findElement(By.name("col"))).selectByValue(column);
        new org.openqa.selenium.support.ui.Select(row.findElement(By.name("op"))).selectByValue(op);
        row.findElement(By.name("val")).sendKeys(value);
    }

    @Test
    void selectRowsAcrossPages_andLinkThemToANewIncident() {
        seed();
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        runQuery("DeviceNetworkEvents\n| where DeviceName == \"" + DEVICE + "\"\n| project Timestamp, DeviceName, ActionType, RemoteIP");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result-grid tbody tr")));
        WebElement button = browser.driver.findElement(By.id("link-incident-btn"));
        assertThat(button.isEnabled()).isFalse();

        browser.driver.findElements(By.cssSelector("#result-grid .sel-row")).get(0).click();
        browser.driver.findElements(By.cssSelector("#result-grid .sel-row")).get(1).click();
        // The selection survives paging: two rows here, the whole of page 2 there.
        browser.driver.findElement(By.xpath("//button[text()='Next']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager"), "Page 2 of 3"));
        browser.driver.findElement(By.cssSelector("#result-grid .sel-page")).click();
        assertThat(browser.driver.findElement(By.cssSelector("#selection-bar .sel-count")).getText()).isEqualTo("52 rows selected");
        browser.driver.findElement(By.xpath("//button[text()='Previous']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager"), "Page 1 of 3"));
        assertThat(browser.driver.findElements(By.cssSelector("#result-grid .sel-row:checked"))).hasSize(2);
        // Clicking a checkbox does not open the row's details.
        assertThat(browser.driver.findElement(By.id("flyout")).getText()).isEmpty();

        browser.driver.findElement(By.id("link-incident-btn")).click();
        WebElement form = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("link-incident-form")));
        assertThat(form.getText()).contains("52 selected rows become manual alerts");
        form.findElement(By.name("title")).sendKeys("Beaconing from " + DEVICE);
        browser.shot("hunting-link-incident");
        form.findElement(By.xpath(".//button[text()='Link']")).click();
        WebElement done = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#flyout .alert-ok")));
        assertThat(done.getText()).isEqualTo("52 rows linked as 1 alert.");
        browser.driver.findElement(By.xpath("//a[starts-with(text(), 'Open incident')]")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Beaconing from " + DEVICE));
    }

    @Test
    void takeActions_onSelectedRows_reviewUntickAndSubmit_thenFindTheBatchInTheActionCenter() {
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        runQuery("datatable(AccountUpn:string, NetworkMessageId:string, RecipientEmailAddress:string, Subject:string) [\n"
                + "'kim@ta.example', 'ta-m1', 'kim@ta.example', 'Overdue invoice',\n"
                + "'lee@ta.example', 'ta-m2', 'lee@ta.example', 'Overdue invoice',\n"
                + "'kim@ta.example', 'ta-m3', 'kim@ta.example', 'Overdue invoice']");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result-grid tbody tr")));
        assertThat(browser.driver.findElement(By.id("take-action-btn")).isEnabled()).isFalse();
        browser.driver.findElement(By.cssSelector("#result-grid .sel-page")).click();
        browser.driver.findElement(By.id("take-action-btn")).click();

        WebElement form = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("take-action-form")));
        assertThat(form.getText()).contains("the 3 selected rows name");
        form.findElement(By.cssSelector("input[value=MOVE_EMAIL_TO_JUNK]")).click();
        form.findElement(By.cssSelector("input[value=FORCE_PASSWORD_RESET]")).click();
        form.findElement(By.name("name")).sendKeys("Invoice lure clean-up");
        form.findElement(By.name("description")).sendKeys("Phish found while hunting");
        browser.shot("hunting-take-action-choose");
        form.findElement(By.xpath(".//button[text()='Review']")).click();

        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flyout"), "5 actions from 3 rows"));
        // Untick the password reset of lee: 4 actions remain.
        browser.driver.findElement(By.cssSelector("#flyout input[name=keep][value='force_password_reset|lee@ta.example|']")).click();
        browser.shot("hunting-take-action-review");
        browser.driver.findElement(By.xpath("//*[@id='flyout']//button[text()='Submit']")).click();
        WebElement done = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#flyout .alert-ok")));
        assertThat(done.getText()).startsWith("4 actions requested as “Invoice lure clean-up”. Approval ID AH-");
        // The selection is done with.
        assertThat(browser.driver.findElement(By.cssSelector("#selection-bar .sel-count")).getText()).isEqualTo("No rows selected");
        browser.shot("hunting-take-action-done");

        browser.driver.findElement(By.xpath("//a[text()='Open in the action center']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "1–4 of 4 actions"));
        assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("Advanced hunting action").contains("Move to Junk")
                .contains("Force password reset").doesNotContain("lee@ta.example Force");
    }

    @Test
    void runPageSortFilterChart_andShowErrors() {
        seed();
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);

        runQuery("DeviceNetworkEvents\n| where DeviceName == \"" + DEVICE + "\"\n| project Timestamp, ActionType, RemoteIP, RemotePort");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result-grid tbody tr")));
        assertThat(browser.driver.findElement(By.cssSelector(".result-bar strong")).getText()).isEqualTo("120 items");
        assertThat(browser.driver.findElements(By.cssSelector("#result-grid tbody tr"))).hasSize(50);
        browser.shot("hunting-results");

        browser.driver.findElement(By.cssSelector("#result-grid tbody tr td[data-col=RemotePort]")).click();
        WebElement pane = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#flyout .detail-grid")));
        assertThat(pane.getText()).contains("RemoteIP").contains("203.0.113.0");
        assertThat(browser.driver.findElement(By.cssSelector("#flyout .hunt-link")).getAttribute("href")).contains("/hunting?q=");
        browser.shot("hunting-row-detail");
        browser.driver.findElement(By.cssSelector("#flyout [data-close-flyout]")).click();

        browser.driver.findElement(By.xpath("//button[text()='Next']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager"), "Page 2 of 3"));

        browser.driver.findElement(By.cssSelector("#result-grid th[data-col=RemoteIP] a")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#result-grid th[data-col=RemoteIP]"), "▲"));
        List<WebElement> ips = browser.driver.findElements(By.cssSelector("#result-grid td[data-col=RemoteIP] .cell"));
        assertThat(ips.get(0).getText()).isEqualTo("203.0.113.0");

        WebElement cell = browser.driver.findElement(By.cssSelector("#result-grid td[data-col=ActionType]"));
        new org.openqa.selenium.interactions.Actions(browser.driver).moveToElement(cell).perform();
        String value = cell.findElement(By.cssSelector(".cell")).getText();
        cell.findElement(By.cssSelector(".cell-filter")).click();
        WebElement menu = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cell-menu")));
        assertThat(menu.getText()).contains("Include in query: | where ActionType == \"" + value + "\"")
                .contains("Exclude in query: | where ActionType != \"" + value + "\"");
        browser.shot("hunting-cell-menu");
        menu.findElement(By.xpath(".//button[text()='Show only rows with this value']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-bar"), "ActionType = “" + value + "”"));
        assertThat(browser.driver.findElements(By.cssSelector("#result-grid td[data-col=ActionType] .cell")))
                .allSatisfy(td -> assertThat(td.getText()).isEqualTo(value));
        // A second filter from the Filter menu: both apply; removing the first keeps the second.
        browser.driver.findElement(By.cssSelector(".add-filter summary")).click();
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.cssSelector(".filter-form select[name=fc]"))).selectByValue("RemoteIP");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.cssSelector(".filter-form select[name=fo]"))).selectByValue("ew");
        browser.driver.findElement(By.cssSelector(".filter-form input[name=fv]")).sendKeys(".1");
        browser.driver.findElement(By.xpath("//form[@class='filter-form']//button[text()='Apply']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-bar"), "RemoteIP ends with “.1”"));
        assertThat(browser.driver.findElement(By.cssSelector(".result-bar")).getText()).contains("ActionType = “" + value + "”");
        assertThat(browser.driver.findElements(By.cssSelector("#result-grid td[data-col=RemoteIP] .cell")))
                .isNotEmpty().allSatisfy(td -> assertThat(td.getText()).endsWith(".1"));
        browser.shot("hunting-two-filters");
        browser.driver.findElement(By.cssSelector("button[aria-label='Remove filter ActionType = “" + value + "”']")).click();
        browser.wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-bar"), "ActionType = “")));
        assertThat(browser.driver.findElement(By.cssSelector(".result-bar")).getText()).contains("RemoteIP ends with “.1”");
        assertThat(browser.driver.findElements(By.cssSelector("#result-grid td[data-col=ActionType] .cell")))
                .extracting(WebElement::getText).hasSizeGreaterThan(0).anySatisfy(t -> assertThat(t).isNotEqualTo(value));
        browser.driver.findElement(By.cssSelector("button[aria-label='Remove filter RemoteIP ends with “.1”']")).click();
        browser.wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-bar"), "ends with")));

        // Exclude in query: the clause is appended to the editor's text and the query runs again without that value.
        cell = browser.driver.findElement(By.cssSelector("#result-grid td[data-col=ActionType]"));
        new org.openqa.selenium.interactions.Actions(browser.driver).moveToElement(cell).perform();
        cell.findElement(By.cssSelector(".cell-filter")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cell-menu")))
                .findElement(By.xpath(".//button[starts-with(text(), 'Exclude in query')]")).click();
        browser.wait.until(ExpectedConditions.stalenessOf(cell));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result-grid")));
        assertThat((String) browser.driver.executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue()"))
                .endsWith("\n| where ActionType != \"" + value + "\"");
        assertThat(browser.driver.findElements(By.cssSelector("#result-grid td[data-col=ActionType] .cell")))
                .isNotEmpty().noneSatisfy(td -> assertThat(td.getText()).isEqualTo(value));

        runQuery("DeviceNetworkEvents\n| where DeviceName == \"" + DEVICE + "\"\n| summarize Connections = count() by bin(Timestamp, 1h), ActionType\n| render timechart");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#hunt-chart canvas")));
        browser.shot("hunting-timechart");
        // The chart's save button writes a JPEG (as the reference exports charts).
        assertThat((String) browser.driver.executeScript("var c = echarts.getInstanceByDom(document.getElementById('hunt-chart'));"
                + "return c.getOption().toolbox[0].feature.saveAsImage.type + ' ' + c.getDataURL({ type: 'jpeg', backgroundColor: '#fff' }).slice(0, 23);"))
                .isEqualTo("jpeg data:image/jpeg;base64,");

        runQuery("DeviceNetworkEvents\n| where RemotePortt == 443");
        WebElement err = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".query-error")));

        assertThat(err.getText()).contains("line 2").contains("RemotePort");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".CodeMirror .cm-kql-error")));
        browser.shot("hunting-error");
    }
}
