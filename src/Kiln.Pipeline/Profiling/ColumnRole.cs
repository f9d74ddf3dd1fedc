namespace Kiln.Pipeline.Profiling;

/// <summary>The names of a column's role in the configuration, as profile.json spells them.</summary>
public static class ColumnRole
{
    /// <summary>The configured id column.</summary>
    public const string Id = "id";

    /// <summary>The configured label column.</summary>
    public const string Label = "label";

    /// <summary>A configured numeric feature.</summary>
    public const string Numeric = "numeric";

    /// <summary>A configured categorical feature.</summary>
    public const string Categorical = "categorical";

    /// <summary>A column listed under dataset.ignore.</summary>
    public const string Ignored = "ignored";

    /// <summary>A column the configuration does not mention.</summary>
    public const string Unconfigured = "unconfigured";
}
