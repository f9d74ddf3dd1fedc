namespace Kiln.Registry.Studies;

/// <summary>A tuning study: a named search whose trials live in the registry, shared by every worker that opens it.</summary>
/// <param name="Name">The study's name (unique in the registry).</param>
/// <param name="CreatedAt">When the first worker created it.</param>
/// <param name="Metric">The metric its trials are ranked by.</param>
/// <param name="LowerIsBetter">True when a smaller metric wins (log loss, Brier score).</param>
/// <param name="Budget">The most trials it runs; raised when a later Tune asks for more.</param>
/// <param name="Fingerprint">A hash of the search space, folds, seed and data, so a different setup never resumes the study.</param>
/// <param name="Description">The search setup in words, for the report.</param>
public sealed record StudyRecord(string Name, DateTimeOffset CreatedAt, string Metric, bool LowerIsBetter, int Budget, string Fingerprint, string Description);
