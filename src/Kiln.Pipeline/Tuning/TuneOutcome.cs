using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline.Tuning;

/// <summary>What the Tune target did: the study, where the report is, and the lineage written when --apply was given.</summary>
/// <param name="Result">The study after this invocation.</param>
/// <param name="ReportPath">artifacts/tuning/report.md.</param>
/// <param name="Applied">The trial written into the config, or null without --apply.</param>
public sealed record TuneOutcome(TuneResult Result, string ReportPath, AppliedTrial? Applied);
