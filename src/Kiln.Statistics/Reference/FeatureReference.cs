using System.Text.Json.Serialization;
using Kiln.Statistics.Binning;

namespace Kiln.Statistics.Reference;

/// <summary>One feature's bins and how many training rows fell in each.</summary>
/// <param name="Name">The feature (model input) name.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Edges">The numeric cut points (empty for a categorical feature).</param>
/// <param name="Categories">The categories with a bin of their own (empty for a numeric feature).</param>
/// <param name="Counts">Training rows per bin, in <see cref="FeatureBins"/> order ("other" and "missing" last).</param>
public sealed record FeatureReference(
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<BinningKind>))] BinningKind Kind,
    IReadOnlyList<double> Edges,
    IReadOnlyList<string> Categories,
    IReadOnlyList<long> Counts)
{
    /// <summary>Builds the bins these counts belong to; throws <see cref="ReferenceStatisticsException"/> when they are inconsistent.</summary>
    public FeatureBins ToBins()
    {
        FeatureBins bins;
        try
        {
            bins = Kind == BinningKind.Numeric ? FeatureBins.Numeric(Name, Edges ?? []) : FeatureBins.Categorical(Name, Categories ?? []);
        }
        catch (ArgumentException e)
        {
            throw new ReferenceStatisticsException($"reference statistics: {e.Message}", e);
        }

        if (Counts is null || Counts.Count != bins.Count || Counts.Any(c => c < 0))
        {
            throw new ReferenceStatisticsException(
                $"reference statistics: feature '{Name}' has {Counts?.Count ?? 0} counts for {bins.Count} bins (or a negative count)");
        }

        return bins;
    }
}
