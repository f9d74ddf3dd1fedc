namespace Kiln.Registry.Runs;

/// <summary>Parameters and metrics of two runs side by side, like <c>dvc params diff</c> and <c>dvc metrics diff</c>.</summary>
/// <param name="BaseRunId">The run compared from.</param>
/// <param name="OtherRunId">The run compared to.</param>
/// <param name="Parameters">Parameter differences, sorted by key.</param>
/// <param name="Metrics">Metric differences, sorted by key.</param>
public sealed record RunComparison(
    string BaseRunId,
    string OtherRunId,
    IReadOnlyList<ParamDifference> Parameters,
    IReadOnlyList<MetricDifference> Metrics)
{
    /// <summary>Compares two runs; with <paramref name="includeUnchanged"/> false only differing entries are kept.</summary>
    public static RunComparison Between(Run baseRun, Run other, bool includeUnchanged = false)
    {
        var parameters = baseRun.Parameters.Keys.Union(other.Parameters.Keys).Order(StringComparer.Ordinal)
            .Select(key =>
            {
                var old = baseRun.Parameters.GetValueOrDefault(key);
                var @new = other.Parameters.GetValueOrDefault(key);
                return new ParamDifference(key, old, @new, Classify(old is not null, @new is not null, old == @new));
            })
            .Where(d => includeUnchanged || d.Change != ChangeKind.Unchanged)
            .ToList();

        var metrics = baseRun.Metrics.Keys.Union(other.Metrics.Keys).Order(StringComparer.Ordinal)
            .Select(key =>
            {
                double? old = baseRun.Metrics.TryGetValue(key, out var o) ? o : null;
                double? @new = other.Metrics.TryGetValue(key, out var n) ? n : null;
                return new MetricDifference(key, old, @new, @new - old,
                    Classify(old is not null, @new is not null, Nullable.Equals(old, @new)));
            })
            .Where(d => includeUnchanged || d.Change != ChangeKind.Unchanged)
            .ToList();

        return new RunComparison(baseRun.Id, other.Id, parameters, metrics);
    }

    private static ChangeKind Classify(bool inBase, bool inOther, bool equal) => (inBase, inOther) switch
    {
        (false, true) => ChangeKind.Added,
        (true, false) => ChangeKind.Removed,
        _ => equal ? ChangeKind.Unchanged : ChangeKind.Modified,
    };
}
