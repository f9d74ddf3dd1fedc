using System.Collections.Concurrent;
using Kiln.Registry;
using Kiln.Registry.Studies;

namespace Kiln.Dashboard.Experiments;

/// <summary>The Experiments page's study summaries, keeping those of finished studies so a listing of 100 reads only the unfinished ones' trials.</summary>
/// <remarks>Once a study has all its budgeted trials and none is running or waiting to be taken back, no claim or finish can change its
/// summary, until a later Tune raises its budget, which changes the study record the summary is kept under.</remarks>
/// <param name="registry">The registry.</param>
public sealed class StudySummaries(ModelRegistry registry)
{
    private readonly ConcurrentDictionary<string, StudySummary> _finished = new(StringComparer.Ordinal);

    /// <summary>The summary of <paramref name="study"/> as the store has it now.</summary>
    /// <param name="study">A study as just listed (its budget is part of the key).</param>
    public StudySummary Of(StudyRecord study)
    {
        if (_finished.TryGetValue(study.Name, out var kept) && kept.Study == study)
        {
            return kept;
        }

        var summary = StudySummary.Of(study, registry.ListTrials(study.Name));
        if (summary.Trials >= study.Budget && summary.Running == 0 && summary.Killed == 0)
        {
            _finished[study.Name] = summary;
        }
        else
        {
            _finished.TryRemove(study.Name, out _);
        }

        return summary;
    }
}
