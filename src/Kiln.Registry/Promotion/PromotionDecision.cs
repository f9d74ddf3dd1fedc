namespace Kiln.Registry.Promotion;

/// <summary>The champion/challenger verdict and the human reason for it.</summary>
/// <param name="Outcome">Champion or challenger.</param>
/// <param name="Reason">One line a person can read, e.g. <c>roc_auc 0.842 vs champion 0.851 (Δ -0.009, 95% CI [-0.014, -0.004]) — not better</c>.</param>
/// <param name="Metric">The metric compared.</param>
/// <param name="CandidateValue">The new model's metric on the test rows.</param>
/// <param name="ChampionValue">The champion's metric on the same rows, if there is a champion.</param>
/// <param name="Delta">Candidate minus champion, if there is a champion.</param>
/// <param name="Interval">Bootstrap interval of the delta, if there is a champion.</param>
public sealed record PromotionDecision(
    PromotionOutcome Outcome,
    string Reason,
    string Metric,
    double CandidateValue,
    double? ChampionValue = null,
    double? Delta = null,
    ConfidenceInterval? Interval = null)
{
    /// <summary>The alias the new version receives: <c>champion</c> or <c>challenger</c>.</summary>
    public string Alias => Outcome == PromotionOutcome.Champion ? PromotionPolicy.ChampionAlias : PromotionPolicy.ChallengerAlias;
}
