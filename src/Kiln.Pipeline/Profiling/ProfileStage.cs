using System.Globalization;
using Kiln.Hashing;
using Kiln.Inference;
using Kiln.Pipeline.Caching;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Stages;

namespace Kiln.Pipeline.Profiling;

/// <summary>Profiles the raw dataset into profile.html and profile.json; needs no other stage (it makes the Features stage's split itself).</summary>
/// <param name="context">The pipeline context.</param>
public sealed class ProfileStage(PipelineContext context) : PipelineStage(context)
{
    /// <inheritdoc />
    public override string Name => "profile";

    /// <inheritdoc />
    public override StageFingerprint Fingerprint() => new(
        [Context.Relative(Context.RawDataset)],
        // The split decides the train/test comparison; validation limits and the oracle do not change the profile.
        ParametersStartingWith("dataset.", "split.").Where(p => p.Key != "dataset.oracle").ToDictionary(),
        [Context.Relative(Context.ProfileJson), Context.Relative(Context.ProfileHtml)]);

    /// <inheritdoc />
    protected override string MissingDependencyMessage(string dependency) =>
        $"{dependency}: raw dataset not found (dataset.path in {Context.Config.Source})";

    /// <inheritdoc />
    protected override Task<(IReadOnlyDictionary<string, double> Metrics, string Summary)> ExecuteAsync(CancellationToken cancellationToken)
    {
        // The stage cache has already checked that the raw dataset exists (MissingDependencyMessage).
        var raw = Context.RawDataset;
        var rawName = Context.Relative(raw);
        var profiler = new DataProfiler(Context.Config.Dataset, Context.Config.Split);
        var profile = profiler.Profile(raw, rawName, FileHash.Sha256(raw), Context.Reporter.Progress("profiling " + rawName), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        profile.Save(Context.ProfileJson);
        AtomicFile.WriteAllText(Context.ProfileHtml, ProfileHtml.Render(profile));

        var drifted = profile.Drift.Features.Count(f => f.Status == "drifted");
        Context.Reporter.Info($"{rawName}: {profile.Records:N0} rows, {profile.Columns.Count} columns, {profile.Warnings.Count} warnings; {Context.Relative(Context.ProfileHtml)}");
        foreach (var warning in profile.Warnings)
        {
            Context.Reporter.Info("  " + warning);
        }

        IReadOnlyDictionary<string, double> metrics = new Dictionary<string, double>
        {
            ["rows"] = profile.Records,
            ["columns"] = profile.Columns.Count,
            ["warnings"] = profile.Warnings.Count,
            ["drifted_features"] = drifted,
            ["max_train_test_psi"] = profile.Drift.Features.Select(f => f.Psi).Where(double.IsFinite).DefaultIfEmpty(0).Max(),
        };
        return Task.FromResult((metrics, string.Create(CultureInfo.InvariantCulture,
            $"{profile.Records:N0} rows × {profile.Columns.Count} columns profiled, {profile.Warnings.Count} warnings, {drifted} of {profile.Drift.Features.Count} features drifted between train and test")));
    }
}
