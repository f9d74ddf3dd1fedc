using Kiln.Registry.Models;

namespace Kiln.Registry.Promotion;

/// <summary>The evidence for a champion/challenger decision: both models' probabilities on the same test rows.</summary>
/// <param name="Labels">True labels of the test rows.</param>
/// <param name="CandidateScores">The new model's positive-class probabilities, row for row.</param>
/// <param name="Gates">The new model's quality-gate outcome.</param>
/// <param name="ChampionScores">The current champion's probabilities on the same rows, or null when there is no champion.</param>
/// <param name="ChampionVersion">The current champion's version number, for the reason text.</param>
public sealed record PromotionInput(
    IReadOnlyList<bool> Labels,
    IReadOnlyList<double> CandidateScores,
    QualityGateResult Gates,
    IReadOnlyList<double>? ChampionScores = null,
    int? ChampionVersion = null);
