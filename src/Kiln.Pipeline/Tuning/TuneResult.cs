using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>What a Tune invocation leaves: the study with all its trials (from every worker), the best, and this invocation's share.</summary>
/// <param name="Setup">The study.</param>
/// <param name="Trials">Every trial of the study, by number.</param>
/// <param name="Best">The best complete trial, or null when none completed.</param>
/// <param name="RecordedHere">How many trials this invocation's workers recorded.</param>
/// <param name="Elapsed">This invocation's wall time.</param>
public sealed record TuneResult(StudySetup Setup, IReadOnlyList<TrialRecord> Trials, TrialRecord? Best, int RecordedHere, TimeSpan Elapsed);
