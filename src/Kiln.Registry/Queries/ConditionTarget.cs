namespace Kiln.Registry.Queries;

/// <summary>Whether a filter condition looks at a run's metrics or its parameters.</summary>
public enum ConditionTarget
{
    /// <summary>A metric (a number), e.g. <c>roc_auc</c> or <c>metrics.roc_auc</c>.</summary>
    Metric,

    /// <summary>A parameter (text, compared as a number when both sides are numbers), e.g. <c>params.trainer.name</c>.</summary>
    Parameter,
}
