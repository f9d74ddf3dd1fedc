using Kiln.Registry.Models;

namespace Kiln.Registry.Storage;

/// <summary>A version about to be committed; its number is allocated by the store inside the write transaction.</summary>
/// <param name="Name">Model name.</param>
/// <param name="CreatedAt">Registration time.</param>
/// <param name="SourceRunId">The producing run, which must exist, or null.</param>
/// <param name="Signature">Inputs and outputs.</param>
/// <param name="InputExample">Example request JSON, or null.</param>
/// <param name="Metrics">Metrics to record.</param>
/// <param name="Artifacts">Files already written to the content store; the first is the model.</param>
/// <param name="Aliases">Aliases to move to the new version in the same transaction.</param>
/// <param name="PromotionReason">Why it became champion or challenger, or null.</param>
/// <param name="Expected">Where an alias must still point for the version to be committed (the champion a decision was made against), or null for no check;
/// otherwise <see cref="AliasConflictException"/> and nothing is committed.</param>
/// <param name="History">Alias moves to record for the new version at their own times (a copied version's history), or null.</param>
public sealed record NewModelVersion(
    string Name,
    DateTimeOffset CreatedAt,
    string? SourceRunId,
    ModelSignature Signature,
    string? InputExample,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<VersionArtifact> Artifacts,
    IReadOnlyList<string> Aliases,
    string? PromotionReason,
    AliasExpectation? Expected = null,
    IReadOnlyList<AliasHistoryEntry>? History = null);
