using System.Globalization;
using System.Text;
using Kiln.Registry.Promotion;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Models;

/// <summary>Writes a model card in Markdown from what the registry knows; the card is stored as an artifact of the version.</summary>
public static class ModelCardWriter
{
    /// <summary>The artifact name of the card.</summary>
    public const string FileName = "MODEL_CARD.md";

    /// <summary>Renders the card for a model about to be registered.</summary>
    public static string Write(
        string modelName,
        string modelSha256,
        DateTimeOffset registeredAt,
        ModelCardFacts facts,
        IReadOnlyDictionary<string, double> metrics,
        ModelSignature signature,
        Run? sourceRun,
        PromotionDecision? decision)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"# Model card: {modelName}");
        md.AppendLine();
        md.AppendLine(c, $"- Registered: {registeredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        md.AppendLine(c, $"- Model file sha256: `{modelSha256}`");
        if (sourceRun is not null)
        {
            md.AppendLine(c, $"- Source run: `{sourceRun.Id}` ({SqliteText(sourceRun.Kind)}, {sourceRun.Environment})");
            md.AppendLine(c, $"- Code version: {sourceRun.GitVersion ?? "unknown"} (commit {sourceRun.GitCommit ?? "unknown"})");
            if (Studies.StudyLineage.Describe(sourceRun.Parameters) is { } tuned)
            {
                md.AppendLine(c, $"- Trainer tuned by: {tuned}");
            }
        }

        md.AppendLine().AppendLine("## Intended use").AppendLine().AppendLine(facts.IntendedUse.Trim()).AppendLine();

        md.AppendLine("## Training data").AppendLine();
        var datasets = facts.TrainingData is { } data ? [data] : sourceRun?.Datasets ?? [];
        if (datasets.Count == 0)
        {
            md.AppendLine("Not recorded.");
        }
        else
        {
            md.AppendLine("| file | sha256 | rows accepted | rows rejected |").AppendLine("|---|---|---:|---:|");
            foreach (var d in datasets)
            {
                md.AppendLine(c, $"| {Cell(d.Path)} | `{d.Sha256}` | {d.RowsAccepted} | {d.RowsRejected} |");
            }
        }

        md.AppendLine().AppendLine("## Metrics").AppendLine();
        if (metrics.Count == 0)
        {
            md.AppendLine("None recorded.");
        }
        else
        {
            md.AppendLine("| metric | value |").AppendLine("|---|---:|");
            foreach (var (key, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                md.AppendLine(c, $"| {Cell(key)} | {value:0.####} |");
            }
        }

        md.AppendLine().AppendLine("## Quality gates").AppendLine();
        if (facts.Gates is not { Checks.Count: > 0 } gates)
        {
            md.AppendLine("Not evaluated.");
        }
        else
        {
            md.AppendLine(c, $"{(gates.Passed ? "All gates passed." : "Some gates FAILED.")}").AppendLine();
            md.AppendLine("| metric | rule | actual | result |").AppendLine("|---|---|---:|---|");
            foreach (var g in gates.Checks)
            {
                md.AppendLine(c, $"| {Cell(g.Metric)} | {Cell(g.Comparison)} {g.Threshold:0.####} | {g.Actual:0.####} | {(g.Passed ? "passed" : "FAILED")} |");
            }
        }

        if (decision is not null)
        {
            md.AppendLine().AppendLine("## Promotion").AppendLine();
            md.AppendLine(c, $"Became **{decision.Alias}**: {decision.Reason}");
        }

        md.AppendLine().AppendLine("## Signature").AppendLine();
        md.AppendLine("| direction | name | type |").AppendLine("|---|---|---|");
        foreach (var input in signature.Inputs)
        {
            md.AppendLine(c, $"| input | {Cell(input.Name)} | {Cell(input.Type)} |");
        }

        foreach (var output in signature.Outputs)
        {
            md.AppendLine(c, $"| output | {Cell(output.Name)} | {Cell(output.Type)} |");
        }

        md.AppendLine().AppendLine("## Limitations").AppendLine();
        var limitations = facts.Limitations ?? [];
        if (limitations.Count == 0)
        {
            md.AppendLine("None stated. Performance outside the distribution of the training data is unknown.");
        }
        else
        {
            foreach (var limitation in limitations)
            {
                md.AppendLine(c, $"- {limitation.Trim()}");
            }
        }

        return md.ToString();
    }

    private static string SqliteText(RunKind kind) => kind.ToString().ToLowerInvariant();

    // A pipe inside a value would split the Markdown table cell.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
