package dev.rampart.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives Debian's chromium through chromedriver (explicit paths: nothing is downloaded) against the real
 * portal: sign in, walk every navigation entry, sign out. Screenshots land in {@code target/screenshots}.
 */
class BrowserSmokeIT extends AbstractPortalIT {
    @org.springframework.beans.factory.annotation.Autowired
    dev.rampart.portal.notifications.Notifications notifications;

    static Browser browser;
    static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser(1440, 900);
        driver = browser.driver;
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    static void shot(String name) {
        browser.shot(name);
    }

    @Test
    void signIn_navigateEveryEntry_signOut() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        shot("login");

        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("wrong-password");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert-error")));

        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".page-header h1")));
        assertThat(driver.findElement(By.cssSelector(".page-header h1")).getText()).isEqualTo("Home");
        shot("home");

        List<String> links = driver.findElements(By.cssSelector(".sidenav a.nav-link")).stream()
                .map(e -> e.getAttribute("href")).toList();
        assertThat(links).isNotEmpty();
        for (String link : links) {
            driver.get(link);
            WebElement h1 = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".page-header h1")));
            assertThat(h1.getText()).isNotBlank();
            assertThat(driver.findElement(By.cssSelector(".sidenav a.nav-link.active")).getAttribute("href")).isEqualTo(link);
            shot("page" + link.replaceAll("^https?://[^/]+", "").replaceAll("[^A-Za-z0-9]+", "-"));
        }

        driver.get(url("/"));
        driver.findElement(By.tagName("body")).sendKeys("/");
        driver.switchTo().activeElement().sendKeys("hom");
        WebElement suggestion = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#search-suggest .suggest-item")));
        assertThat(suggestion.getText()).startsWith("Home");
        shot("search-suggest");

        notifications.toUser("admin", dev.rampart.portal.notifications.Notifications.Kind.SUCCESS, "Browser test notification", "Sent by the smoke test", "/");
        driver.get(url("/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".bell .badge")));
        driver.findElement(By.cssSelector(".bell summary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notif-panel"), "Browser test notification"));
        shot("notifications");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".bell .badge")));
        driver.findElement(By.cssSelector("#notif-panel .notif button[aria-label=Dismiss]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("notif-panel"), "Browser test notification")));

        driver.findElement(By.cssSelector(".user-menu summary")).click();
        driver.findElement(By.cssSelector(".user-menu button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
        driver.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));
    }
}
