using Kiln.Registry.Promotion;

namespace Kiln.Registry.Models;

/// <summary>Everything needed to register the next version of a model.</summary>
/// <param name="ModelName">Model name: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
/// <param name="ModelPath">The model file (usually <c>model.onnx</c>).</param>
/// <param name="Signature">Inputs and outputs of the model.</param>
/// <param name="Metrics">Evaluation metrics to record with the version.</param>
/// <param name="Card">Facts for the generated model card.</param>
/// <param name="SourceRunId">The run that produced the model; must exist when given.</param>
/// <param name="InputExample">An example request as JSON; must parse when given.</param>
/// <param name="AttachedFiles">Other files to keep with the version, e.g. the evaluation report.</param>
/// <param name="Decision">Champion/challenger decision; its alias is moved to the new version in the same transaction.</param>
public sealed record RegistrationRequest(
    string ModelName,
    string ModelPath,
    ModelSignature Signature,
    IReadOnlyDictionary<string, double> Metrics,
    ModelCardFacts Card,
    string? SourceRunId = null,
    string? InputExample = null,
    IReadOnlyList<string>? AttachedFiles = null,
    PromotionDecision? Decision = null);
