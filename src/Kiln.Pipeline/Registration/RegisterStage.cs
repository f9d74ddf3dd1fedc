using System.Globalization;
using Kiln.Pipeline.Stages;
using Kiln.Registry;
using Kiln.Registry.Models;
using Kiln.Registry.Runs;

namespace Kiln.Pipeline.Registration;

/// <summary>Register as a stage, so it is tracked like Train and Evaluate: up to date when model.onnx's bytes are already a version,
/// and linked to the Evaluate run that recorded this very metrics.json.</summary>
/// <param name="context">The pipeline whose model and metrics to register.</param>
/// <param name="registry">The model registry.</param>
public sealed class RegisterStage(PipelineContext context, ModelRegistry registry) : IStage
{
    /// <inheritdoc />
    public string Name => "register";

    /// <summary>What the last run ended with, or null before it ran.</summary>
    public RegistrationResult? Result { get; private set; }

    /// <inheritdoc />
    public StageStatus Check()
    {
        var model = context.Relative(context.ModelOnnx);
        if (!File.Exists(context.ModelOnnx))
        {
            return new StageStatus(false, $"no {model} yet");
        }

        return registry.FindVersionOf(context.Config.Registry.ModelName, context.ModelOnnx) is { } existing
            ? new StageStatus(true, $"{model} is already {Describe(existing)}")
            : new StageStatus(false, $"{model} is not registered yet");
    }

    /// <inheritdoc />
    public Task<StageResult> RunAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var model = context.Relative(context.ModelOnnx);

        // By content, not by recency: runs of other checkouts sharing the registry may interleave, but only one evaluation wrote these bytes.
        var source = registry.FindRunWithArtifact(RunKind.Evaluate, context.MetricsJson);
        var result = new ModelRegistration(context, registry).Register(source?.Id);
        Result = result;
        if (!result.Created)
        {
            var nothing = $"{model} is already {Describe(result.Version)}; nothing registered";
            context.Reporter.Info(nothing);
            return Task.FromResult(new StageResult(Name, new Dictionary<string, string>(), new Dictionary<string, double>(), nothing));
        }

        var version = result.Version;
        var summary = $"Registered {version.Reference} as @{result.Decision!.Alias}"
            + (source is null ? " (no tracked Evaluate run recorded this metrics.json)" : $" from evaluate run {source.Id}");
        context.Reporter.Info(summary);
        context.Reporter.Info($"Why: {result.Decision.Reason}");
        context.Reporter.Info(
            $"Loading test: {version.Reference} reloaded from the registry predicts {result.LoadedProbability!.Value.ToString("0.######", CultureInfo.InvariantCulture)} for its input example");
        return Task.FromResult(new StageResult(Name, new Dictionary<string, string> { [model] = version.Model.Sha256 }, version.Metrics, summary));
    }

    /// <summary>A version as a person names it, e.g. <c>churn v1 (@champion)</c>.</summary>
    /// <param name="version">The version.</param>
    public static string Describe(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return $"{version.Name} v{version.Version}" + (version.Aliases.Count == 0 ? "" : $" ({string.Join(", ", version.Aliases.Select(a => "@" + a))})");
    }
}
