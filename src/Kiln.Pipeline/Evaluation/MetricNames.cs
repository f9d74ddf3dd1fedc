namespace Kiln.Pipeline.Evaluation;

/// <summary>The metric names Evaluate reports and quality gates and promotion may refer to.</summary>
public static class MetricNames
{
    /// <summary>Area under the ROC curve.</summary>
    public const string RocAuc = "roc_auc";

    /// <summary>Area under the precision–recall curve (average precision).</summary>
    public const string PrAuc = "pr_auc";

    /// <summary>Fraction of rows whose predicted label is right.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Of the rows predicted positive, the fraction that are positive.</summary>
    public const string Precision = "precision";

    /// <summary>Of the positive rows, the fraction predicted positive.</summary>
    public const string Recall = "recall";

    /// <summary>Harmonic mean of precision and recall.</summary>
    public const string F1 = "f1";

    /// <summary>Mean negative log-likelihood of the probabilities (lower is better).</summary>
    public const string LogLoss = "log_loss";

    /// <summary>Mean squared error of the probabilities (lower is better).</summary>
    public const string BrierScore = "brier_score";

    /// <summary>Every metric that gates and promotion can name.</summary>
    public static IReadOnlyList<string> All { get; } = [RocAuc, PrAuc, Accuracy, Precision, Recall, F1, LogLoss, BrierScore];

    /// <summary>True when a smaller value of the metric is better.</summary>
    /// <param name="metric">A name from <see cref="All"/>.</param>
    public static bool LowerIsBetter(string metric) => metric is LogLoss or BrierScore;
}
