using System.Globalization;

namespace Kiln.Registry.Transfer;

/// <summary>What a <see cref="RegistryTransfer"/> copied and what it found already there.</summary>
/// <param name="RunsCopied">Runs copied.</param>
/// <param name="RunsPresent">Runs the target already had (same id).</param>
/// <param name="RunsStillRunning">Ids of runs left out because their process still runs; copy again once they finish.</param>
/// <param name="VersionsCopied">Versions copied, e.g. <c>churn v3 → v7</c>.</param>
/// <param name="VersionsPresent">Versions whose model bytes the target already had.</param>
/// <param name="ArtifactsCopied">Artifact files uploaded to the target's artifact store.</param>
/// <param name="ArtifactBytes">Their total size.</param>
/// <param name="Aliases">What happened to each alias: set, already there, or kept as the target had it.</param>
public sealed record TransferReport(
    int RunsCopied,
    int RunsPresent,
    IReadOnlyList<string> RunsStillRunning,
    IReadOnlyList<string> VersionsCopied,
    int VersionsPresent,
    int ArtifactsCopied,
    long ArtifactBytes,
    IReadOnlyList<string> Aliases)
{
    /// <summary>One paragraph a person reads after the copy.</summary>
    public string Summary
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            var lines = new List<string>
            {
                string.Create(c, $"Runs: {RunsCopied} copied, {RunsPresent} already there") +
                    (RunsStillRunning.Count == 0 ? "" : $", {RunsStillRunning.Count} still running and left for the next copy ({string.Join(", ", RunsStillRunning)})"),
                string.Create(c, $"Versions: {VersionsCopied.Count} copied{(VersionsCopied.Count == 0 ? "" : $" ({string.Join(", ", VersionsCopied)})")}, {VersionsPresent} already there"),
                string.Create(c, $"Artifacts: {ArtifactsCopied} copied ({ArtifactBytes:N0} bytes)"),
            };
            if (Aliases.Count > 0)
            {
                lines.Add($"Aliases: {string.Join("; ", Aliases)}");
            }

            return string.Join(Environment.NewLine, lines);
        }
    }
}
