using System.Globalization;
using Kiln.Containers;
using Kiln.Pipeline.Tracking;
using Kiln.Targets;

/// <summary>Container: the champion model baked into a lean ONNX Runtime image tagged with the GitVersion SemVer.</summary>
partial class Build
{
    [Parameter("Docker engine address (unix:///path.sock or tcp://host:port); default DOCKER_HOST, then /var/run/docker.sock")]
    readonly string? DockerHost;

    [Parameter("Base image of the service image (default: container.base_image in config; kiln-base:offline builds one offline)")]
    readonly string? BaseImage;

    AbsolutePath PublishDirectory => ArtifactsDirectory / "publish" / "serving";

    Target Containerize => _ => _
        .Description("Build the service image with the champion model baked in, tagged <image>:<SemVer>, and smoke-test it")
        .DependsOn(Register)
        .Cached(() => ImageUpToDate().GetAwaiter().GetResult())
        .Executes(async cancellationToken =>
        {
            var version = await Version(cancellationToken);
            var champion = Champion;
            var model = champion.Verify();
            using var engine = await DockerEngine.ConnectAsync(DockerHost, cancellationToken);

            var image = await new ImageBuilder(engine).BuildAsync(new ImageBuildRequest(
                    Config.Container.Image, version.SemVer,
                    await PublishService(cancellationToken), model, RootDirectory / "Dockerfile",
                    Config.Registry.ModelName, champion.Version!.Version.ToString(CultureInfo.InvariantCulture),
                    BaseImage ?? Config.Container.BaseImage, version.Sha, SourceUrl,
                    DataSha256: DatasetLineageReader.Read(Pipeline)?.Sha256),
                Log.Information, cancellationToken);
            Log.Information($"Built {image.Reference} ({image.Id[..Math.Min(19, image.Id.Length)]}, {image.SizeBytes / 1e6:0.0} MB) with {champion.Version.Reference}");

            var sample = ChampionSample;
            var smoke = await new SmokeTest(engine).RunAsync(image.Reference, sample.RowsJson, sample.Probabilities,
                TimeSpan.FromSeconds(Config.Deploy.ReadyTimeoutSeconds), environment: null, cancellationToken);
            Log.Information($"Smoke test passed: ready in {smoke.StartToReady.TotalMilliseconds:0} ms, {sample.Probabilities.Count} predictions within {smoke.MaxDifference:0.###E+0} of local ONNX Runtime");
            Registry.RecordImage(Config.Registry.ModelName, champion.Version.Version, image.Reference, image.Id);
        });

    // The image's org.opencontainers.image.source: the repository when GitHub Actions builds it, else left out.
    static string? SourceUrl => Environment.GetEnvironmentVariable("GITHUB_REPOSITORY") is { Length: > 0 } repository
        ? $"{Environment.GetEnvironmentVariable("GITHUB_SERVER_URL") ?? "https://github.com"}/{repository}"
        : null;

    string ImageTag(GitVersionInfo version) => $"{Config.Container.Image}:{version.SemVer.Replace('+', '-')}";

    async Task<CacheStatus> ImageUpToDate()
    {
        var version = await Version(CancellationToken);
        if (Registry.TryResolve(ChampionReference) is not { ExpectedSha256: { } champion })
        {
            return new CacheStatus(false, "no champion registered yet");
        }

        try
        {
            using var engine = await DockerEngine.ConnectAsync(DockerHost, CancellationToken);
            var image = await new ImageBuilder(engine).FindAsync(ImageTag(version), CancellationToken);
            return image is null
                ? new CacheStatus(false, $"{ImageTag(version)} does not exist yet")
                : image.Labels.GetValueOrDefault(KilnLabels.ModelSha256) == champion
                    ? new CacheStatus(true, $"{ImageTag(version)} already carries the champion model {champion[..12]}")
                    : new CacheStatus(false, $"{ImageTag(version)} carries another model than the champion {champion[..12]}");
        }
        catch (ContainerException)
        {
            return new CacheStatus(false, "the Docker engine could not be asked");   // Executes reports the engine error itself
        }
    }

    async Task<string> PublishService(CancellationToken cancellationToken) =>
        await ServicePublisher.PublishAsync(RootDirectory / "src" / "Kiln.Serving" / "Kiln.Serving.csproj", PublishDirectory,
            PublishSettings.Release, Log.Debug, cancellationToken);
}
