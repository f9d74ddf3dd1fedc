namespace Kiln.Registry.Queries;

/// <summary>One condition of a run filter, e.g. <c>roc_auc &gt; 0.85</c>; only runs that have the key can match.</summary>
/// <param name="Target">Metric or parameter.</param>
/// <param name="Key">The metric or parameter key, without its <c>metrics.</c>/<c>params.</c> prefix.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value as written (unquoted).</param>
/// <param name="Number">The value as a number, or null when it is not one.</param>
public sealed record RunCondition(ConditionTarget Target, string Key, ComparisonOperator Operator, string Value, double? Number)
{
    /// <summary>The condition in the filter language, e.g. <c>params.trainer.name = 'LightGbm'</c>.</summary>
    public override string ToString()
    {
        var prefix = Target == ConditionTarget.Metric ? "metrics." : "params.";
        var value = Number is not null ? Value : $"'{Value.Replace("'", "''", StringComparison.Ordinal)}'";
        return $"{prefix}{Key} {RunFilter.Symbol(Operator)} {value}";
    }
}
