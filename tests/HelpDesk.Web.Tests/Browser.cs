using Microsoft.Playwright;

namespace HelpDesk.Web.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, launched once for the test run. Playwright's own browser
/// download is neither needed nor possible here: the system browser is given by path.
/// </summary>
public static class Browser
{
    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    /// <param name="width">The window's width in CSS pixels, for a phone (390 is an iPhone's); Playwright's default otherwise.</param>
    public static async Task<IPage> NewPageAsync(Uri baseAddress, int? width = null)
    {
        var browser = await Shared.Value;
        var options = new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "en-GB", TimezoneId = "Europe/London" };
        if (width is { } phone)
        {
            options.ViewportSize = new ViewportSize { Width = phone, Height = 844 };
        }

        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("HELPDESK_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"No Chromium at {executable}: install it (on Debian, as root: apt-get install -y chromium; the README's test command does this) or set HELPDESK_CHROMIUM to a Chromium binary.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Without the networking flags Chromium keeps calling Google's hosts, which this machine refuses.
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().GetAwaiter().GetResult();
            playwright.Dispose();
        };
        return browser;
    }
}
