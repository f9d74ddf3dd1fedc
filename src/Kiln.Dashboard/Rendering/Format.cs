using System.Globalization;
using Kiln.Registry.Runs;

namespace Kiln.Dashboard.Rendering;

/// <summary>How values read on every page: UTC times, durations, metrics, sizes, and run states as a symbol plus a word.</summary>
public static class Format
{
    /// <summary>Changes with every build, so browsers fetch the new style sheet instead of a cached one.</summary>
    public static string AssetVersion { get; } = typeof(Format).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    /// <summary>A UTC time, e.g. <c>2025-06-01 09:00:12</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The machine-readable time for a <c>time</c> element.</summary>
    public static string IsoTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A duration such as <c>4.2 s</c> or <c>3 min 10 s</c>; a dash while running.</summary>
    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "–",
        { TotalSeconds: < 60 } d => d.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture),
        { TotalHours: < 1 } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes} min {d.Seconds} s"),
        var d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.Value.TotalHours} h {d.Value.Minutes} min"),
    };

    /// <summary>A metric with four decimals (integers as integers).</summary>
    public static string Metric(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e9 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A metric if present, else a dash.</summary>
    public static string Metric(IReadOnlyDictionary<string, double> metrics, string key) => metrics.TryGetValue(key, out var value) ? Metric(value) : "–";

    /// <summary>A byte count such as <c>12.3 KB</c>.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MB"),
    };

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>The symbol shown before a run's status word, so state never relies on colour.</summary>
    public static string StatusSymbol(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "✓",
        RunStatus.Failed => "✗",
        RunStatus.Running => "●",
        _ => "■",
    };

    /// <summary>An enum value as the lower-case word the pages and URLs use.</summary>
    public static string Word<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>A dotted key that may wrap after each dot, e.g. in a narrow column header.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Breakable(string key) =>
        new Microsoft.AspNetCore.Html.HtmlString(string.Join(".<wbr>", key.Split('.').Select(System.Net.WebUtility.HtmlEncode)));

    /// <summary>The start of a run id, enough to tell runs apart in a dense table (the link carries the whole id).</summary>
    public static string ShortId(string id) => id.Length > 12 ? id[..10] + "…" : id;

    /// <summary>The first characters of a hash, for tables (the full hash is in the title).</summary>
    public static string ShortHash(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;
}
