using System.Globalization;
using System.Text;
using Kiln.Targets.Engine;
using Kiln.Targets.Text;

namespace Kiln.Targets.Output;

/// <summary>Plain text for logs and CI: no ANSI codes, no live widgets, tables aligned with spaces.</summary>
internal sealed class PlainConsole(TextWriter writer, SecretMasker masker) : BuildConsole(masker)
{
    private readonly Dictionary<ProgressHandle, int> _lastQuarter = [];

    protected override void WriteLine(LogLevel level, string line) => writer.WriteLine(level switch
    {
        LogLevel.Warning => "warning: " + line,
        LogLevel.Error => "error: " + line,
        _ => line,
    });

    protected override void WriteRaw(string text) => writer.Write(text);

    protected override void WriteHeader(string target)
    {
        writer.WriteLine();
        writer.WriteLine($"=== {target} ===");
    }

    protected override void WriteTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows) =>
        writer.Write(Align(headers, rows));

    protected override void WriteSummary(IReadOnlyList<TargetOutcome> outcomes, TimeSpan total, string verdict, bool success)
    {
        writer.WriteLine();
        writer.WriteLine("=== Summary ===");
        var rows = outcomes.Select(o => (IReadOnlyList<string>)[o.Name, o.StatusText, Duration(o.Duration)]).ToList();
        rows.Add(["Total", string.Empty, Duration(total)]);
        writer.Write(Align(["Target", "Status", "Duration"], rows));
        writer.WriteLine();
        writer.WriteLine(verdict);
        writer.Flush();
    }

    protected override void DrawProgress(ProgressHandle handle, double? fraction)
    {
        // A line at the start, at each quarter and at the end keeps CI logs readable.
        if (fraction is null)
        {
            _lastQuarter.Remove(handle);
            writer.WriteLine($"{handle.Task}: done in {Duration(handle.Elapsed)}");
            return;
        }

        var quarter = (int)Math.Floor(fraction.Value * 4);
        if (_lastQuarter.TryGetValue(handle, out var last) && quarter <= last)
        {
            return;
        }

        _lastQuarter[handle] = quarter;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{handle.Task}: {fraction.Value * 100:0}%"));
    }

    internal static string Align(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < Math.Min(row.Count, widths.Length); i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        void Append(IReadOnlyList<string> cells)
        {
            var line = string.Join("  ", widths.Select((w, i) => (i < cells.Count ? cells[i] : string.Empty).PadRight(w)));
            text.AppendLine(line.TrimEnd());
        }

        Append(headers);
        Append([.. widths.Select(w => new string('-', w))]);
        foreach (var row in rows)
        {
            Append(row);
        }

        return text.ToString();
    }
}
