using Kiln.Registry.Queries;

namespace Kiln.Registry.Tests;

public sealed class RunFilterTests
{
    [Fact]
    public void ReadsABareMetricConditionAsAMetric()
    {
        var condition = Assert.Single(RunFilter.Parse("roc_auc > 0.85"));

        Assert.Equal(new RunCondition(ConditionTarget.Metric, "roc_auc", ComparisonOperator.GreaterThan, "0.85", 0.85), condition);
    }

    [Fact]
    public void ReadsPrefixedConditionsJoinedByAndWithQuotedAndBareValues()
    {
        var conditions = RunFilter.Parse("metrics.log_loss<=0.4 AND params.trainer.name = 'Light Gbm' and params.split.seed != 42 and param.note = \"it's\"");

        Assert.Equal(
            [
                new RunCondition(ConditionTarget.Metric, "log_loss", ComparisonOperator.LessOrEqual, "0.4", 0.4),
                new RunCondition(ConditionTarget.Parameter, "trainer.name", ComparisonOperator.Equal, "Light Gbm", null),
                new RunCondition(ConditionTarget.Parameter, "split.seed", ComparisonOperator.NotEqual, "42", 42),
                new RunCondition(ConditionTarget.Parameter, "note", ComparisonOperator.Equal, "it's", null),
            ],
            conditions);
    }

    [Fact]
    public void BlankFilterIsNoCondition()
    {
        Assert.Empty(RunFilter.Parse("   "));
        Assert.Empty(RunFilter.Parse(null));
    }

    [Theory]
    [InlineData("roc_auc => 0.85", "unknown operator '=>' at position 9; use one of > >= < <= = !=", 9)]
    [InlineData("roc_auc == 0.85", "unknown operator '==' at position 9; use one of > >= < <= = !=", 9)]
    [InlineData("roc_auc", "missing operator after 'roc_auc' at position 8; use one of > >= < <= = !=", 8)]
    [InlineData("roc_auc is 0.8", "expected an operator after 'roc_auc' at position 9, found 'is 0.8'; use one of > >= < <= = !=", 9)]
    [InlineData("roc_auc >", "missing value after '>' at position 10", 10)]
    [InlineData("roc_auc > high", "metric 'roc_auc' is compared with a number, but 'high' at position 11 is not one (for a parameter write params.roc_auc)", 11)]
    [InlineData("params.trainer.name > LightGbm", "'>' compares numbers, but 'LightGbm' at position 23 is not one; compare text with = or !=", 23)]
    [InlineData("roc_auc > 0.8 or pr_auc > 0.6", "'or' at position 15 is not supported; join conditions with 'and'", 15)]
    [InlineData("roc_auc > 0.8 pr_auc > 0.6", "expected 'and' at position 15, found 'pr_auc'", 15)]
    [InlineData("roc_auc > 0.8 and", "expected a condition after 'and' at position 18", 18)]
    [InlineData("> 0.8", "expected a metric or param name at position 1, found '>' (e.g. roc_auc > 0.85)", 1)]
    [InlineData("params.note = 'open", "the quote ' at position 15 is never closed", 15)]
    [InlineData("params. = 3", "'params.' at position 1 names no parameter; write e.g. params.roc_auc", 1)]
    public void MalformedFilterNamesWhatIsWrongAndWhere(string filter, string message, int position)
    {
        var error = Assert.Throws<RunFilterException>(() => RunFilter.Parse(filter));

        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void OverlongFilterIsRefused()
    {
        var error = Assert.Throws<RunFilterException>(() => RunFilter.Parse("roc_auc > 0.5 and " + string.Concat(Enumerable.Repeat("pr_auc > 0.1 and ", 200)) + "f1 > 0"));

        Assert.Contains($"at most {RunFilter.MaxLength}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionPrintsBackInTheFilterLanguage()
    {
        var conditions = RunFilter.Parse("roc_auc >= 0.8 and params.note = 'it''s'");

        Assert.Equal(["metrics.roc_auc >= 0.8", "params.note = 'it''s'"], conditions.Select(c => c.ToString()));
        Assert.Equal(conditions, RunFilter.Parse(string.Join(" and ", conditions)));
    }
}
