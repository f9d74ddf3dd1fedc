namespace Kiln.Pipeline.Profiling;

/// <summary>Train-versus-test population stability of every feature, over the split the Features stage makes.</summary>
/// <param name="Method">How the split and the bins were made.</param>
/// <param name="TrainRows">Accepted rows in the training split.</param>
/// <param name="TestRows">Accepted rows in the test split.</param>
/// <param name="Threshold">The PSI from which a feature is marked drifted.</param>
/// <param name="Features">One entry per feature, in schema order.</param>
public sealed record DriftReport(string Method, long TrainRows, long TestRows, double Threshold, IReadOnlyList<FeatureDrift> Features);
