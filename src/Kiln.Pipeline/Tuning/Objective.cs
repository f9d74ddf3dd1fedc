using Kiln.Pipeline.Evaluation;

namespace Kiln.Pipeline.Tuning;

/// <summary>The metric a study optimises, turned into a score where higher is always better.</summary>
/// <param name="Metric">A name from <see cref="MetricNames.All"/>.</param>
public sealed record Objective(string Metric)
{
    /// <summary>The score of a metric value: the value itself, or its negation when lower is better.</summary>
    /// <param name="value">The metric's value.</param>
    public double Score(double value) => MetricNames.LowerIsBetter(Metric) ? -value : value;

    /// <summary>The metric value of a score (the inverse of <see cref="Score"/>).</summary>
    /// <param name="score">A score.</param>
    public double Value(double score) => Score(score);
}
