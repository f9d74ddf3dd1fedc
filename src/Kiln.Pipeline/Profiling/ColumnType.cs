namespace Kiln.Pipeline.Profiling;

/// <summary>The names of the value types a column can be inferred as or profiled as.</summary>
public static class ColumnType
{
    /// <summary>Numbers.</summary>
    public const string Numeric = "numeric";

    /// <summary>A small set of repeated values.</summary>
    public const string Categorical = "categorical";

    /// <summary>Values that are neither numbers nor a small set of categories.</summary>
    public const string Text = "text";

    /// <summary>No non-missing value at all.</summary>
    public const string Empty = "empty";
}
