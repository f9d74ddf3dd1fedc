using Kiln.Containers;
using Kiln.Targets;

/// <summary>Deploy: push the image and roll it out behind a health gate, rolling back by itself on failure.</summary>
partial class Build
{
    [Parameter("Image registry to push to (default: deploy.registry in config)")]
    readonly string? DeployRegistry;

    [Parameter("User name for the image registry")]
    readonly string? RegistryUsername;

    [Parameter("Password or token for the image registry"), Secret]
    readonly string? RegistryPassword;

    Target Deploy => _ => _
        .Description("Push the image and roll it out: start, wait for ready, smoke-test, switch; roll back on any failure")
        .DependsOn(Containerize)
        .Requires(() => RegistryPassword == null || RegistryUsername != null)
        .Executes(async cancellationToken =>
        {
            var version = await Version(cancellationToken);
            var credentials = RegistryUsername is null ? null : new RegistryCredentials(RegistryUsername, RegistryPassword ?? "");
            using var engine = await DockerEngine.ConnectAsync(DockerHost, cancellationToken);

            var local = ImageTag(version);
            var pushed = await new ImagePusher(engine).PushAsync(local, DeployRegistry ?? Config.Deploy.Registry,
                Config.Container.Image, version.SemVer, credentials, Log.Debug, cancellationToken);
            Log.Information($"Pushed {pushed}");
            await RecordPushedImage(engine, local, pushed, cancellationToken);

            var sample = ChampionSample;
            var result = await new Rollout(engine).DeployAsync(new RolloutRequest(
                    Config.Deploy.ContainerName, pushed, version.SemVer, Config.Deploy.Port, sample.RowsJson, sample.Probabilities,
                    credentials, TimeSpan.FromSeconds(Config.Deploy.ReadyTimeoutSeconds)),
                Log.Information, cancellationToken);
            Log.Information(result.Outcome == RolloutOutcome.AlreadyServing
                ? $"{result.Container} already serves {result.Version} on port {Config.Deploy.Port}; nothing to do"
                : $"{result.Container} serves {result.Version} on port {Config.Deploy.Port} (ready in {result.StartToReady.TotalMilliseconds:0} ms); replaced {(result.Replaced.Count == 0 ? "nothing" : string.Join(", ", result.Replaced))}");
        });

    // The pushed reference carries whichever version Containerize baked in, as the image's own label says.
    async Task RecordPushedImage(DockerEngine engine, string local, string pushed, CancellationToken cancellationToken)
    {
        if (await new ImageBuilder(engine).FindAsync(local, cancellationToken) is { } image
            && int.TryParse(image.Labels.GetValueOrDefault(KilnLabels.ModelVersion), System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            Registry.RecordImage(image.Labels.GetValueOrDefault(KilnLabels.ModelName) ?? Config.Registry.ModelName, version, pushed, image.Id);
        }
    }
}
