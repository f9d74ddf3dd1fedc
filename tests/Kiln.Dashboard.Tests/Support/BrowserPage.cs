using Microsoft.Playwright;

namespace Kiln.Dashboard.Tests.Support;

/// <summary>A page in its own browser context, with the requests that left the dashboard's origin and a screenshot helper.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    public BrowserPage(IBrowserContext context, IPage page, Uri origin)
    {
        _context = context;
        Page = page;
        var prefix = origin.GetLeftPart(UriPartial.Authority);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(prefix, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                ForeignRequests.Add(request.Url);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Requests to anywhere but the dashboard: a page that works offline makes none.</summary>
    public List<string> ForeignRequests { get; } = [];

    /// <summary>Saves a full-page screenshot as dashboard-screenshots/<paramref name="name"/>.png under the test results and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(TestResults.Directory, "dashboard-screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>What the focused element is, as text a test can compare.</summary>
    public Task<string> FocusedAsync() => Page.EvaluateAsync<string>(
        "() => { const e = document.activeElement; return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}|${(e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 60)}`; }");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
