using Kiln.Registry;
using Kiln.Registry.Resolution;
using Kiln.Serving.Configuration;

namespace Kiln.Serving.Models;

/// <summary>
/// A registry reference resolved while the app is still being built: opening a shared registry (the first PostgreSQL connection,
/// the S3 client) takes about as long as building the host and its pipeline, and the two need not wait for each other.
/// </summary>
/// <remarks>
/// It is begun from the configuration as it stands when the service is registered. Settings bind when first read, so a test
/// host or a later provider may still change them: <see cref="For"/> hands the result over only when the settings that were
/// finally bound and checked are the ones it began from, and otherwise the source resolves again. A begun resolution that is
/// not used changes nothing; the registry is opened read-only.
/// </remarks>
public sealed class EarlyResolution
{
    private readonly ModelOptions _model;
    private readonly RegistryLocationOptions _registry;
    private readonly string _contentRoot;
    private readonly Task<ModelArtifact> _resolving;

    private EarlyResolution(ModelOptions model, RegistryLocationOptions registry, string contentRoot)
    {
        (_model, _registry, _contentRoot) = (model, registry, contentRoot);
        _resolving = Task.Run(() => RegistryModelSource.Resolve(model, registry, contentRoot));

        // Observed here, so a failure nobody asks for is not reported as an unobserved task exception; one that is asked for is rethrown by the await.
        _resolving.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Begins before the host exists, from the environment and the command line alone (where a container or <c>./build.sh Serve</c> puts the
    /// settings), against the current directory, which is the host's default content root. Settings from elsewhere only make <see cref="For"/> decline.</summary>
    /// <param name="args">The command line.</param>
    public static EarlyResolution? Begin(string[] args) =>
        Begin(new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build(), Directory.GetCurrentDirectory());

    /// <summary>Begins resolving the configured <c>Kiln:Model:Source</c> if it is a registry reference and the settings pass their checks; null otherwise.</summary>
    /// <param name="configuration">The configuration as it stands now.</param>
    /// <param name="contentRoot">The directory relative paths are resolved against.</param>
    public static EarlyResolution? Begin(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var model = configuration.GetSection(ModelOptions.Section).Get<ModelOptions>() ?? new ModelOptions();
        var registry = configuration.GetSection(RegistryLocationOptions.Section).Get<RegistryLocationOptions>() ?? new RegistryLocationOptions();
        if (string.IsNullOrWhiteSpace(model.Source) || model.Problems().Any() || registry.Problems().Any() || !IsRegistryReference(model.Source))
        {
            // A file is verified in milliseconds, and settings that fail their checks refuse the start before anything is resolved.
            return null;
        }

        return new EarlyResolution(model, registry, contentRoot);
    }

    /// <summary>The resolution, if it was begun from exactly these settings; null if they changed since.</summary>
    /// <param name="model">The model settings as bound and checked.</param>
    /// <param name="registry">The registry settings as bound and checked.</param>
    /// <param name="contentRoot">The content root as the host has it.</param>
    public Task<ModelArtifact>? For(ModelOptions model, RegistryLocationOptions registry, string contentRoot) =>
        _model == model && _registry == registry && string.Equals(_contentRoot, contentRoot, StringComparison.Ordinal) ? _resolving : null;

    private static bool IsRegistryReference(string source)
    {
        try
        {
            return ModelReference.Parse(source.Trim()).Kind != ModelReferenceKind.FilePath;
        }
        catch (RegistryException)
        {
            // A malformed reference is reported, with its reason, by the source itself.
            return false;
        }
    }
}
