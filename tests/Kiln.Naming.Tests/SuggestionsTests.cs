namespace Kiln.Naming.Tests;

public sealed class SuggestionsTests
{
    private static readonly string[] Metrics = ["roc_auc", "pr_auc", "accuracy", "precision", "recall", "f1", "log_loss", "brier_score"];

    private static readonly string[] Trainers = ["LightGbm", "FastTree", "LbfgsLogisticRegression", "SdcaLogisticRegression"];

    private static readonly string[] Targets = ["Clean", "Features", "Train", "Evaluate", "Register", "Predict", "Containerize", "Deploy", "Models", "Runs", "Test", "Workflows"];

    [Theory]
    [InlineData("learning_rat", "learning_rate")]
    [InlineData("Compiel", "Compile")]
    [InlineData("LightGBM", "LightGbm")]
    public void SuggestsANameWithinASmallEditDistanceIgnoringCase(string given, string expected) =>
        Assert.Equal([expected], Suggestions.Closest(given, [expected, "number_of_leaves", "Publish", "FastTree"]));

    [Theory]
    [InlineData("roc", "roc_auc")]
    [InlineData("Lbfgs", "LbfgsLogisticRegression")]
    [InlineData("Sdca", "SdcaLogisticRegression")]
    [InlineData("Container", "Containerize")]
    [InlineData("Regression", "LbfgsLogisticRegression")]
    public void SuggestsTheFullNameForOneCutShort(string given, string expected) =>
        Assert.Equal(expected, Suggestions.Closest(given, [.. Metrics, .. Trainers, .. Targets])[0]);

    [Fact]
    public void SuggestsEveryNameThatEndsWithTheGivenOne() =>
        Assert.Equal(["pr_auc", "roc_auc"], Suggestions.Closest("auc", Metrics));

    [Fact]
    public void SuggestsTheKnownNameALongerOneStartsWith() =>
        Assert.Equal(["learning_rate"], Suggestions.Closest("learning_rate_decay", ["learning_rate", "number_of_iterations"]));

    [Theory]
    [InlineData("--dockerhost", "--docker-host")]
    [InlineData("testFraction", "test_fraction")]
    [InlineData("TEST-FRACTION", "test_fraction")]
    public void IgnoresDashesUnderscoresAndCase(string given, string expected) =>
        Assert.Equal([expected], Suggestions.Closest(given, [expected, "seed", "stratify"]));

    [Fact]
    public void SuggestsNothingWhenEveryNameIsFarOff() =>
        Assert.Empty(Suggestions.Closest("frobnicate", [.. Metrics, .. Targets]));

    [Fact]
    public void ListsSeveralEquallyCloseNamesInOrdinalOrderUpToTheLimit()
    {
        Assert.Equal(["pr_auc", "roc_auc"], Suggestions.Closest("xo_auc", Metrics));
        Assert.Equal(2, Suggestions.Closest("a", ["ab", "ac", "ad"], max: 2).Count);
    }

    [Fact]
    public void AnEmptyCandidateIsNeverAPrefixMatch() =>
        Assert.Empty(Suggestions.Closest("frobnicate", ["", "seed"]));

    [Fact]
    public void DidYouMeanJoinsTheSuggestionsAsASentence()
    {
        Assert.Equal(" Did you mean --configuration?", Suggestions.DidYouMean("--configuraton", ["--configuration", "--verbose"]));
        Assert.Equal(" Did you mean ab, ac or ad?", Suggestions.DidYouMean("a", ["ab", "ac", "ad", "b"]));
        Assert.Equal(string.Empty, Suggestions.DidYouMean("Frobnicate", Targets));
    }

    [Fact]
    public void HintQuotesTheSuggestionOrListsWhatIsAllowed()
    {
        Assert.Equal(" (did you mean 'roc_auc'?)", Suggestions.Hint("roc", Metrics));
        Assert.Equal(" (expected one of: LightGbm, FastTree, LbfgsLogisticRegression, SdcaLogisticRegression)", Suggestions.Hint("RandomForest", Trainers));
    }
}
