using System.Diagnostics;
using Kiln.Pipeline.Profiling;
using Kiln.Testing;

namespace Kiln.Pipeline.Tests;

/// <summary>profile.html as a person sees it: rendered by a real headless chromium, offline.</summary>
public sealed class ProfilePageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task ChromiumRendersTheHistogramsAndTheDriftTableOffline()
    {
        if (!File.Exists(Chromium))
        {
            Requirement.SkipOrFail($"chromium is not installed ({Chromium})", "bash .ci/browser.sh");
        }

        using var workspace = TestWorkspace.WithChurn(rows: 2000);
        var context = workspace.Context(TestWorkspace.ChurnYaml());
        await new ProfileStage(context).RunAsync(TestContext.Current.CancellationToken);
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        var screenshot = Path.Combine(screenshots, "profile.png");
        File.Delete(screenshot);

        var dom = await RunChromiumAsync(workspace.Root, "--dump-dom", new Uri(context.ProfileHtml).AbsoluteUri);
        await RunChromiumAsync(workspace.Root, "--window-size=1280,2400", $"--screenshot={screenshot}", new Uri(context.ProfileHtml).AbsoluteUri);

        TestContext.Current.SendDiagnosticMessage($"screenshot: {screenshot}");
        Assert.Contains("Train versus test drift (population stability index)", dom, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">tenure_months</th><td>numeric</td>", dom, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Histogram of tenure_months\"", dom, StringComparison.Ordinal);
        Assert.Equal(13, System.Text.RegularExpressions.Regex.Count(dom, "<td class=\"status-(stable|moderate|drifted|unknown)\">"));
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot should show a rendered page, not a blank one");
    }

    private static async Task<string> RunChromiumAsync(string directory, params string[] arguments)
    {
        // No network: the page must render from the file alone.
        var info = new ProcessStartInfo(Chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--proxy-server=127.0.0.1:9", $"--user-data-dir={Path.Combine(directory, "chromium")}", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 90 s");
        }

        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await errors}");
        return await output;
    }
}
