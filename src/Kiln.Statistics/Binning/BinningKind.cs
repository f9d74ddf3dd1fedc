namespace Kiln.Statistics.Binning;

/// <summary>How a feature's values are put into bins.</summary>
public enum BinningKind
{
    /// <summary>Numbers, by quantile cut points.</summary>
    Numeric,

    /// <summary>Categories, the most frequent ones each in a bin of their own and the rest in "other".</summary>
    Categorical,
}
