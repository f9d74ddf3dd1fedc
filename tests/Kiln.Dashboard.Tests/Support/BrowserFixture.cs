using Microsoft.Playwright;

namespace Kiln.Dashboard.Tests.Support;

/// <summary>One headless Debian chromium driven by Playwright for a test class (Playwright's own browser download cannot work offline).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] Flags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missing;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserRequirement.ExecutablePath))
        {
            _missing = $"{BrowserRequirement.ExecutablePath} does not exist";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserRequirement.ExecutablePath,
            Headless = true,
            Args = Flags,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh page (own cookies) on <paramref name="baseUrl"/> that records every request leaving it.</summary>
    public async Task<BrowserPage> OpenAsync(Uri baseUrl)
    {
        if (_browser is null)
        {
            BrowserRequirement.SkipOrFail(_missing ?? "chromium did not start");
        }

        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
        });
        // Generous: the machine's two cores are shared, and a test waits for what a person would see, never for a duration.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return new BrowserPage(context, await context.NewPageAsync(), baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
