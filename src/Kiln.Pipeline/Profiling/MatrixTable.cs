namespace Kiln.Pipeline.Profiling;

/// <summary>A symmetric table of pairwise figures (correlation or association), null where a pair has no value.</summary>
/// <param name="Method">How the figures were computed, e.g. "Pearson r on the sample, pairwise complete".</param>
/// <param name="Names">The row and column names, the label last.</param>
/// <param name="Values">Values[i][j] for Names[i] against Names[j].</param>
public sealed record MatrixTable(string Method, IReadOnlyList<string> Names, IReadOnlyList<IReadOnlyList<double>> Values);
