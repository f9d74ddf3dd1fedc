namespace Kiln.Pipeline.Configuration;

/// <summary>How a tuned hyperparameter's values are drawn.</summary>
public enum RangeKind
{
    /// <summary>Any number between the bounds, evenly.</summary>
    Uniform,

    /// <summary>Any number between the bounds, evenly on a log scale (bounds above zero).</summary>
    Log,

    /// <summary>Whole numbers between the bounds, evenly.</summary>
    Int,

    /// <summary>Whole numbers between the bounds, evenly on a log scale.</summary>
    IntLog,

    /// <summary>One of a listed set of values (a single value fixes the hyperparameter).</summary>
    Choice,
}
