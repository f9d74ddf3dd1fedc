namespace Kiln.Pipeline.Configuration;

/// <summary>Which tuning trial the trainer section was written from: the lineage `Tune --apply` leaves in the config.</summary>
/// <param name="Study">The study's name.</param>
/// <param name="Trial">The trial's number in the study.</param>
/// <param name="Run">The trial's run id in the registry.</param>
public sealed record AppliedTrial(string Study, int Trial, string Run);
