using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Kiln.Registry;
using Kiln.Registry.Queries;
using Kiln.Registry.Runs;
using Kiln.Registry.Seeding;
using Microsoft.Playwright;

namespace Kiln.Dashboard.Benchmarks;

/// <summary>
/// Measures the dashboard on a seeded registry: server time per page (the app's own Server-Timing header, over many rounds),
/// load-to-interactive in headless Debian chromium, the weight of the runs page, and the app's memory. The dashboard runs as
/// its own process, so its memory is its own; <c>--url</c> measures one that is already running (e.g. on PostgreSQL + S3).
/// </summary>
public static class MeasureCommand
{
    private static readonly string[] BrowserFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Runs every measurement and prints a Markdown table per kind.</summary>
    public static async Task<int> RunAsync(ModelRegistry registry, string database, string? artifacts, int port, int rounds, string? url, TextWriter log)
    {
        var total = registry.Store.QueryRuns(new RunQuery(Limit: 1)).Total;
        var versions = registry.Store.ListVersions().Count;
        var studies = registry.Store.ListStudies();
        log.WriteLine($"registry: {total:N0} runs, {versions:N0} versions, {studies.Count:N0} studies ({registry.Store.Location})");

        using var dashboard = url is null ? StartDashboard(database, artifacts, port, log) : null;
        var baseUrl = new Uri(url ?? $"http://127.0.0.1:{port}/");
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        await WaitUntilUp(client);

        var compareIds = registry.Store.QueryRuns(new RunQuery(Kind: RunKind.Evaluate, Status: RunStatus.Succeeded, Limit: 100)).Runs.Select(r => r.Id).ToList();
        var compare = "compare?" + string.Join("&", compareIds.Select(id => "run=" + id));
        var pages = new (string Name, string Path)[]
        {
            ("runs, first page (50 of all)", "runs"),
            ("runs, filtered + sorted by a metric", "runs?kind=evaluate&filter=" + Uri.EscapeDataString("roc_auc > 0.85 and params.trainer.name = LightGbm") + "&sort=metric:roc_auc"),
            ("runs, page 150", "runs?page=150"),
            ("runs, id search", "runs?q=" + compareIds[^1][^6..]),
            ("one run", "runs/" + compareIds[0]),
            ($"compare {compareIds.Count} runs with curves", compare),
            ($"model ({versions:N0} versions, first page)", "models/" + RegistrySeeder.ModelName),
        };
        if (studies.Count > 0)
        {
            var trials = registry.Store.ListTrials(studies[0].Name).Count;
            pages = [.. pages, ($"experiments ({studies.Count:N0} studies)", "experiments"), ($"one study ({trials} trials, leaderboard and history)", "experiments/" + Uri.EscapeDataString(studies[0].Name))];
        }


        // The very first compare reads every run's curves from the content store; later ones hit the cache.
        var cold = await Fetch(client, compare);
        log.WriteLine();
        log.WriteLine($"### Server time (Server-Timing app;dur, {rounds} sequential rounds after 3 warm-up requests; CPU = the app's CPU time per request from /proc)");
        log.WriteLine();
        log.WriteLine("| page | median | p95 | max | CPU per request | bytes |");
        log.WriteLine("|---|---:|---:|---:|---:|---:|");
        log.WriteLine($"| compare {compareIds.Count} runs, cold (curves read from the store) | {cold.ServerMs:0.0} ms | | | | {cold.Bytes:N0} |");
        foreach (var (name, path) in pages)
        {
            for (var i = 0; i < 3; i++)
            {
                await Fetch(client, path);
            }

            var samples = new List<double>();
            long bytes = 0;
            var cpuBefore = dashboard is null ? TimeSpan.Zero : CpuTime(dashboard.Id);
            for (var i = 0; i < rounds; i++)
            {
                var fetched = await Fetch(client, path);
                samples.Add(fetched.ServerMs);
                bytes = fetched.Bytes;
            }

            var cpu = dashboard is null ? "–" : $"{(CpuTime(dashboard.Id) - cpuBefore).TotalMilliseconds / rounds:0.0} ms";
            samples.Sort();
            log.WriteLine($"| {name} | {Percentile(samples, 0.5):0.0} ms | {Percentile(samples, 0.95):0.0} ms | {samples[^1]:0.0} ms | {cpu} | {bytes:N0} |");
        }

        await PageWeight(client, log);
        await Browser(baseUrl, ["runs", pages[1].Path, compare, .. studies.Count > 0 ? new[] { "experiments" } : []], Math.Max(5, rounds / 3), log);
        if (dashboard is not null)
        {
            log.WriteLine();
            log.WriteLine($"### Dashboard process memory: {Memory(dashboard.Id)}");
            dashboard.Kill(entireProcessTree: true);
        }

        return 0;
    }

    private static Process StartDashboard(string database, string? artifacts, int port, TextWriter log)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Kiln.Dashboard", "bin", Configuration, "net10.0", "Kiln.Dashboard.dll");
        dll = Path.GetFullPath(dll);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing; build bench/Kiln.Dashboard.Benchmarks (it builds the dashboard too)");
        }

        log.WriteLine($"starting {dll} on port {port}");
        // A SQLite file relative to here, or a store URI (postgres://…) as given, with its artifact store.
        var registry = database.Contains("://", StringComparison.Ordinal) ? database : Path.GetFullPath(database);
        string[] arguments = [dll, $"--Kiln:Dashboard:Registry={registry}", $"--Kiln:Dashboard:Port={port}", .. artifacts is null ? [] : new[] { $"--Kiln:Dashboard:Artifacts={artifacts}" }];
        var process = Process.Start(new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        })!;
        // Drained, so a chatty log can never fill the pipe and stall the app being measured.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { Length: > 0 } text) { log.WriteLine("dashboard: " + text); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static async Task WaitUntilUp(HttpClient client)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            try
            {
                using var response = await client.GetAsync("runs?size=25");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"the dashboard did not answer on {client.BaseAddress} within 2 minutes");
    }

    private static async Task<(double ServerMs, long Bytes)> Fetch(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
        }

        var timing = response.Headers.GetValues("Server-Timing").Single();
        return (double.Parse(timing[(timing.IndexOf('=') + 1)..], CultureInfo.InvariantCulture), body.Length);
    }

    private static async Task PageWeight(HttpClient client, TextWriter log)
    {
        var html = await client.GetByteArrayAsync("runs");
        var page = System.Text.Encoding.UTF8.GetString(html);
        var assets = System.Text.RegularExpressions.Regex.Matches(page, "(?:href|src)=\"(/assets/[^\"]+)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        long assetBytes = 0;
        foreach (var asset in assets)
        {
            assetBytes += (await client.GetByteArrayAsync(asset.TrimStart('/'))).Length;
        }

        log.WriteLine();
        log.WriteLine($"### Runs page weight: HTML {html.Length:N0} bytes ({Gzip(html):N0} gzipped) + {assets.Count} assets {assetBytes:N0} bytes (cached for an hour); no script, no font, no request elsewhere");
    }

    private static async Task Browser(Uri baseUrl, IReadOnlyList<string> paths, int loads, TextWriter log)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = BrowserFlags });
        log.WriteLine();
        log.WriteLine($"### Chromium (headless, Debian), {loads} loads each, new tab per load, style sheet cached after the first");
        log.WriteLine();
        log.WriteLine("| page | DOM interactive median | load event median | max load event |");
        log.WriteLine("|---|---:|---:|---:|");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        foreach (var path in paths)
        {
            var interactive = new List<double>();
            var loaded = new List<double>();
            for (var i = 0; i < loads + 1; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(baseUrl, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
                var timing = await page.EvaluateAsync<double[]>(
                    "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.domInteractive - n.startTime, n.loadEventEnd - n.startTime]; }");
                if (i > 0)
                {
                    interactive.Add(timing[0]);
                    loaded.Add(timing[1]);
                }

                await page.CloseAsync();
            }

            interactive.Sort();
            loaded.Sort();
            var name = path.StartsWith("compare", StringComparison.Ordinal) ? $"compare {path.Split('&').Length} runs" : path.Length > 60 ? path[..60] + "…" : path;
            log.WriteLine($"| {name} | {Percentile(interactive, 0.5):0} ms | {Percentile(loaded, 0.5):0} ms | {loaded[^1]:0} ms |");
        }
    }

    // utime + stime of the process (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms).
    private static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static string Memory(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim() ?? "?";
        return $"RSS {Field("VmRSS:")}, peak {Field("VmHWM:")}";
    }

    private static long Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.Length;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
