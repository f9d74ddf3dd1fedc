using Kiln.Registry.Models;
using Kiln.Registry.Metrics;
using Kiln.Registry.Promotion;

namespace Kiln.Registry.Tests;

public sealed class PromotionPolicyTests
{
    private static readonly bool[] Labels = Synthetic.Labels(400);
    private static readonly double[] Strong = Synthetic.Scores(Labels, 1.5, seed: 1);
    private static readonly double[] Weak = Synthetic.Scores(Labels, 0.5, seed: 2);
    private static readonly QualityGateResult Passed = new([new GateCheck("roc_auc", ">=", 0.6, 0.9, true)]);

    [Fact]
    public void FirstModelThatPassesTheGatesBecomesChampion()
    {
        var decision = new PromotionPolicy().Decide(new PromotionInput(Labels, Strong, Passed));

        Assert.Equal(PromotionOutcome.Champion, decision.Outcome);
        Assert.Equal("champion", decision.Alias);
        Assert.StartsWith("first champion: roc_auc 0.9", decision.Reason, StringComparison.Ordinal);
        Assert.Null(decision.ChampionValue);
    }

    [Fact]
    public void ModelThatFailsAGateBecomesChallengerEvenWithoutAChampion()
    {
        var gates = new QualityGateResult([new GateCheck("roc_auc", ">=", 0.75, 0.70, false), new GateCheck("recall", ">=", 0.5, 0.6, true)]);

        var decision = new PromotionPolicy().Decide(new PromotionInput(Labels, Strong, gates));

        Assert.Equal(PromotionOutcome.Challenger, decision.Outcome);
        Assert.Equal("failed the quality gate: roc_auc 0.700 (needs >= 0.750)", decision.Reason);
    }

    [Fact]
    public void WorseModelStaysChallengerAndTheReasonShowsBothValuesDeltaAndInterval()
    {
        var decision = new PromotionPolicy().Decide(new PromotionInput(Labels, Weak, Passed, Strong, ChampionVersion: 4));

        var auc = RocAuc.Compute(Labels, Weak);
        var championAuc = RocAuc.Compute(Labels, Strong);
        Assert.Equal(PromotionOutcome.Challenger, decision.Outcome);
        Assert.Equal(auc - championAuc, decision.Delta!.Value, 12);
        Assert.Matches(
            $@"^roc_auc {auc:0.000} vs champion v4 {championAuc:0.000} \(Δ -0\.\d{{3}}, 95% CI \[-0\.\d{{3}}, -0\.\d{{3}}\]\) — not better$",
            decision.Reason);
    }

    [Fact]
    public void SignificantlyBetterModelBecomesChampion()
    {
        var policy = new PromotionPolicy(MinDelta: 0.05, MinRelativeDelta: 0.10, RequireSignificance: true);

        var decision = policy.Decide(new PromotionInput(Labels, Strong, Passed, Weak));

        Assert.Equal(PromotionOutcome.Champion, decision.Outcome);
        Assert.EndsWith("— significantly better", decision.Reason, StringComparison.Ordinal);
        Assert.True(decision.Interval!.Lower > 0);
    }

    [Fact]
    public void BetterByLessThanTheAbsoluteMarginStaysChallenger()
    {
        var decision = new PromotionPolicy(MinDelta: 0.5).Decide(new PromotionInput(Labels, Strong, Passed, Weak));

        Assert.Equal(PromotionOutcome.Challenger, decision.Outcome);
        Assert.EndsWith("— better by less than min_delta 0.500", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BetterByLessThanTheRelativeMarginStaysChallenger()
    {
        var decision = new PromotionPolicy(MinRelativeDelta: 0.9).Decide(new PromotionInput(Labels, Strong, Passed, Weak));

        Assert.Equal(PromotionOutcome.Challenger, decision.Outcome);
        Assert.Contains("less than min_relative_delta 90%", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BetterButNotSignificantStaysChallengerOnlyWhenSignificanceIsRequired()
    {
        // One positive row moved above one more negative: a real but tiny gain that most resamples cannot see.
        var champion = (double[])Weak.Clone();
        var candidate = (double[])Weak.Clone();
        var positive = Array.FindIndex(Labels, l => l);
        var negativeAbove = Enumerable.Range(0, Labels.Length).Where(i => !Labels[i] && Weak[i] > Weak[positive]).MinBy(i => Weak[i]);
        candidate[positive] = Weak[negativeAbove] + 1e-9;
        var input = new PromotionInput(Labels, candidate, Passed, champion);

        var strict = new PromotionPolicy(RequireSignificance: true).Decide(input);
        var lenient = new PromotionPolicy().Decide(input);

        Assert.True(strict.Delta > 0);
        Assert.Equal(PromotionOutcome.Challenger, strict.Outcome);
        Assert.EndsWith("— better but not significant (the interval includes 0)", strict.Reason, StringComparison.Ordinal);
        Assert.Equal(PromotionOutcome.Champion, lenient.Outcome);
    }

    [Fact]
    public void LowerIsBetterMetricPromotesTheModelWithLowerLoss()
    {
        var decision = new PromotionPolicy(Metric: "log_loss", RequireSignificance: true).Decide(new PromotionInput(Labels, Strong, Passed, Weak));

        Assert.Equal(PromotionOutcome.Champion, decision.Outcome);
        Assert.True(decision.Delta < 0);
    }

    [Fact]
    public void ScoresForDifferentRowsAreRejectedWithBothCounts()
    {
        var error = Assert.Throws<RegistryException>(() =>
            new PromotionPolicy().Decide(new PromotionInput(Labels, Strong, Passed, Weak[..399])));

        Assert.Contains("champion scores have 399 rows but there are 400 labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteProbabilityIsRejectedWithItsRow()
    {
        var broken = (double[])Strong.Clone();
        broken[17] = double.NaN;

        var error = Assert.Throws<RegistryException>(() => new PromotionPolicy().Decide(new PromotionInput(Labels, broken, Passed)));

        Assert.Contains("candidate score of test row 17 is NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrierScoreIsComparedUnderTheNameEvaluateGivesIt()
    {
        var decision = new PromotionPolicy(Metric: "brier_score").Decide(new PromotionInput(Labels, Weak, Passed, Strong));

        Assert.Equal("brier_score", decision.Metric);
        Assert.Equal(Labels.Select((label, i) => Math.Pow(Weak[i] - (label ? 1 : 0), 2)).Average(), decision.CandidateValue, 12);
        Assert.Equal(PromotionOutcome.Challenger, decision.Outcome);
    }

    [Fact]
    public void UnknownMetricListsTheSupportedOnes()
    {
        var error = Assert.Throws<RegistryException>(() => new PromotionPolicy(Metric: "auc_pr").Decide(new PromotionInput(Labels, Strong, Passed)));

        Assert.Contains("'auc_pr' is not supported; use one of: roc_auc, accuracy, log_loss, brier_score", error.Message, StringComparison.Ordinal);
    }
}
