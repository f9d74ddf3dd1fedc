using System.Globalization;
using Kiln.Targets.Engine;
using Kiln.Targets.Text;

namespace Kiln.Targets.Output;

/// <summary>Everything the engine prints goes through here, so secrets are masked in one place and writers stay thread-safe.</summary>
internal abstract class BuildConsole(SecretMasker masker)
{
    protected object Gate { get; } = new();

    public SecretMasker Masker { get; } = masker;

    public bool Verbose { get; set; }

    public void Write(LogLevel level, string message)
    {
        if (level == LogLevel.Debug && !Verbose)
        {
            return;
        }

        var masked = Masker.Apply(message);
        lock (Gate)
        {
            foreach (var line in masked.ReplaceLineEndings("\n").Split('\n'))
            {
                WriteLine(level, line);
            }
        }
    }

    /// <summary>Writes preformatted text (help, plan) without decoration.</summary>
    public void WriteText(string text)
    {
        var masked = Masker.Apply(text);
        lock (Gate)
        {
            WriteRaw(masked);
        }
    }

    public void Header(string target)
    {
        lock (Gate)
        {
            WriteHeader(Masker.Apply(target));
        }
    }

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var maskedRows = rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Masker.Apply)]).ToList();
        lock (Gate)
        {
            WriteTable([.. headers.Select(Masker.Apply)], maskedRows);
        }
    }

    public void Summary(IReadOnlyList<TargetOutcome> outcomes, TimeSpan total, string verdict, bool success)
    {
        lock (Gate)
        {
            WriteSummary([.. outcomes.Select(o => o with { Reason = o.Reason is null ? null : Masker.Apply(o.Reason) })], total, Masker.Apply(verdict), success);
        }
    }

    public ProgressHandle Progress(string task) => new(this, Masker.Apply(task));

    /// <summary>Called by a progress handle; the fraction is between 0 and 1, null when the work ended.</summary>
    public void ReportProgress(ProgressHandle handle, double? fraction)
    {
        lock (Gate)
        {
            DrawProgress(handle, fraction);
        }
    }

    public static string Duration(TimeSpan duration) => duration.TotalHours >= 1
        ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : duration.ToString(@"m\:ss\.fff", CultureInfo.InvariantCulture);

    protected abstract void WriteLine(LogLevel level, string line);

    protected abstract void WriteRaw(string text);

    protected abstract void WriteHeader(string target);

    protected abstract void WriteTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows);

    protected abstract void WriteSummary(IReadOnlyList<TargetOutcome> outcomes, TimeSpan total, string verdict, bool success);

    protected abstract void DrawProgress(ProgressHandle handle, double? fraction);
}
