using Kiln.Pipeline.Profiling;
using Kiln.Targets;

/// <summary>Exploration: the raw data's profile, before any pipeline stage.</summary>
partial class Build
{
    Target Profile => _ => _
        .Description("Profile the raw data into profile.html and profile.json: types, distributions, label rates, associations, leakage and train/test drift")
        .Before(Features)
        .Cached(() => Status(new ProfileStage(Pipeline)))
        .Executes(async cancellationToken => await RunStage(new ProfileStage(Pipeline), cancellationToken));
}
