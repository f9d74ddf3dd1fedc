using Kiln.Registry.Models;

namespace Kiln.Pipeline.Evaluation;

/// <summary>Everything one evaluation measured, as metrics.json and the report render it.</summary>
/// <param name="ModelPath">The scored model, repository-relative.</param>
/// <param name="ModelSha256">Its sha256.</param>
/// <param name="Trainer">The configured trainer's name.</param>
/// <param name="TestSplit">The scored split, repository-relative.</param>
/// <param name="Metrics">Every metric by name, including <c>rows</c> and the oracle figures when there is an oracle.</param>
/// <param name="Confusion">The confusion matrix at the model's own threshold.</param>
/// <param name="Importance">ROC AUC drop per shuffled feature.</param>
/// <param name="Gate">The quality gate's outcome.</param>
public sealed record EvaluationSummary(
    string ModelPath,
    string ModelSha256,
    string Trainer,
    string TestSplit,
    IReadOnlyDictionary<string, double> Metrics,
    (int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives) Confusion,
    IReadOnlyDictionary<string, double> Importance,
    QualityGateResult Gate);
