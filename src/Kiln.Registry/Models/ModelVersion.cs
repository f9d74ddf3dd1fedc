namespace Kiln.Registry.Models;

/// <summary>One registered version of a named model.</summary>
/// <param name="Name">Model name, e.g. <c>churn</c>.</param>
/// <param name="Version">1, 2, 3… per model.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="SourceRunId">The run that produced it, if given.</param>
/// <param name="Signature">Inputs and outputs.</param>
/// <param name="InputExample">An example request as JSON, if given.</param>
/// <param name="Metrics">Metrics recorded at registration.</param>
/// <param name="Aliases">Aliases currently pointing at this version, e.g. <c>champion</c>.</param>
/// <param name="Artifacts">Its files; the first is the model itself.</param>
/// <param name="PromotionReason">Why it became champion or challenger, if a decision was recorded.</param>
public sealed record ModelVersion(
    string Name,
    int Version,
    DateTimeOffset CreatedAt,
    string? SourceRunId,
    ModelSignature Signature,
    string? InputExample,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<VersionArtifact> Artifacts,
    string? PromotionReason)
{
    /// <summary>The model file (the first artifact).</summary>
    public VersionArtifact Model => Artifacts[0];

    /// <summary>The reference that names exactly this version, e.g. <c>models:/churn/3</c>.</summary>
    public string Reference => $"models:/{Name}/{Version}";
}
