namespace Kiln.Pipeline.Profiling;

/// <summary>How well one column alone separates the label: a column that does so almost perfectly is probably derived from it.</summary>
/// <param name="Column">The column.</param>
/// <param name="Auc">ROC AUC of the column (numeric: its value; categorical: its category's label rate), folded so that 0.5 is no signal and 1 is perfect.</param>
/// <param name="Rows">Sample rows the AUC was computed on.</param>
/// <param name="Suspect">True at or above <see cref="SuspectAuc"/>.</param>
public sealed record LeakageCheck(string Column, double Auc, long Rows, bool Suspect)
{
    /// <summary>The AUC from which a single column is reported as a leakage suspect.</summary>
    public const double SuspectAuc = 0.95;
}
