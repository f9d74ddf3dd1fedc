using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Kiln.Containers;

/// <summary>
/// Health-gated rollout on one Docker host: start <c>name-version</c> beside the running instance on the same port
/// (SO_REUSEPORT), wait until it is ready and answers a smoke prediction, then stop the old one gracefully.
/// On any failure the new container is removed and the old keeps serving.
/// </summary>
/// <param name="engine">The target host's engine.</param>
public sealed class Rollout(DockerEngine engine)
{
    /// <summary>Deploys <see cref="RolloutRequest.Image"/>; a no-op when that version already serves.</summary>
    /// <param name="request">What to deploy.</param>
    /// <param name="progress">Receives one line per step.</param>
    /// <param name="cancellationToken">Cancels the rollout (the new container is removed, the old keeps serving).</param>
    public async Task<RolloutResult> DeployAsync(RolloutRequest request, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SmokeRowsJson);
        if (request.Port is < 1 or > 65535)
        {
            throw new ContainerException($"serving port {request.Port} is not between 1 and 65535");
        }

        var name = $"{request.Name}-{ImageReference.TagFor(request.Version)}";
        var instances = await FindInstancesAsync(request.Name, cancellationToken);
        var running = instances.Where(c => c.State == "running").ToList();
        if (running.FirstOrDefault(c => c.Labels.TryGetValue(KilnLabels.Version, out var v) && v == request.Version) is { } current)
        {
            progress?.Invoke($"{request.Name} {request.Version} is already serving ({Display(current)}); nothing to do");
            return new RolloutResult(RolloutOutcome.AlreadyServing, Display(current), request.Version, [], TimeSpan.Zero);
        }

        // Leftovers of earlier failed or stopped rollouts would block the name or confuse the next rollout.
        foreach (var stale in instances.Where(c => c.State != "running"))
        {
            progress?.Invoke($"removing stopped instance {Display(stale)}");
            await ServiceContainer.RemoveAsync(engine, stale.ID);
        }

        await EnsureImageAsync(request, progress, cancellationToken);

        var labels = new Dictionary<string, string>
        {
            [KilnLabels.Role] = KilnLabels.ServingRole,
            [KilnLabels.Service] = request.Name,
            [KilnLabels.Version] = request.Version,
        };
        progress?.Invoke($"starting {name} from {request.Image} on port {request.Port}");
        var container = await ServiceContainer.CreateAsync(
            engine, name, request.Image, request.Port, ServiceContainer.FreePort(), labels, request.Environment, restartUnlessStopped: true, cancellationToken);
        TimeSpan startToReady;
        try
        {
            var started = Stopwatch.GetTimestamp();
            await container.StartAsync(cancellationToken);
            startToReady = await container.WaitUntilReadyAsync(started, request.ReadyTimeout ?? TimeSpan.FromSeconds(60), cancellationToken);
            progress?.Invoke($"{name} is ready after {startToReady.TotalMilliseconds:F0} ms; smoke prediction");
            var probabilities = await container.PredictAsync(request.SmokeRowsJson, cancellationToken);
            if (request.ExpectedProbabilities is { } expected)
            {
                SmokeTest.Compare(name, probabilities, expected);
            }
        }
        catch (Exception e) when (e is ContainerException or OperationCanceledException or HttpRequestException or DockerApiException)
        {
            await container.RemoveAsync();
            var keeps = running.Count > 0 ? $"{string.Join(", ", running.Select(Display))} keeps serving" : "nothing was serving before";
            var reason = e is OperationCanceledException ? "cancelled" : e.Message;
            throw new ContainerException($"rollout of {request.Name} {request.Version} failed and was rolled back ({name} removed; {keeps}): {reason}");
        }

        var drain = request.DrainTimeout ?? TimeSpan.FromSeconds(30);
        var replaced = new List<string>();
        foreach (var old in running.OrderBy(c => c.Created))
        {
            progress?.Invoke($"stopping {Display(old)} (SIGTERM, up to {drain.TotalSeconds:F0} s to drain)");
            try
            {
                await ServiceContainer.StopAsync(engine, old.ID, drain, cancellationToken);
            }
            catch (DockerApiException e)
            {
                throw new ContainerException($"{name} is serving, but stopping {Display(old)} failed, so both are running: {e.ResponseBody.Trim()}");
            }

            await ServiceContainer.RemoveAsync(engine, old.ID);
            replaced.Add(Display(old));
        }

        progress?.Invoke($"{name} is serving {request.Name} {request.Version}");
        return new RolloutResult(RolloutOutcome.Deployed, name, request.Version, replaced, startToReady);
    }

    /// <summary>The container currently serving <paramref name="name"/>, or null.</summary>
    /// <param name="name">The deployment name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<(string Container, string Version)?> CurrentAsync(string name, CancellationToken cancellationToken = default)
    {
        var running = (await FindInstancesAsync(name, cancellationToken)).Where(c => c.State == "running").OrderByDescending(c => c.Created).FirstOrDefault();
        return running is null ? null : (Display(running), running.Labels[KilnLabels.Version]);
    }

    private async Task<IList<ContainerListResponse>> FindInstancesAsync(string name, CancellationToken cancellationToken) =>
        await engine.Client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool>
                    {
                        [$"{KilnLabels.Role}={KilnLabels.ServingRole}"] = true,
                        [$"{KilnLabels.Service}={name}"] = true,
                    },
                },
            },
            cancellationToken);

    private async Task EnsureImageAsync(RolloutRequest request, Action<string>? progress, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Images.InspectImageAsync(request.Image, cancellationToken);
            return;
        }
        catch (DockerImageNotFoundException)
        {
            // Pull below.
        }

        var (repository, tag) = ImageReference.Split(request.Image);
        var registry = ImageReference.Registry(repository);
        progress?.Invoke($"pulling {request.Image} from {registry}");
        string? error = null;
        var reporter = new CallbackProgress<JSONMessage>(m => error ??= m.Error?.Message ?? (string.IsNullOrEmpty(m.ErrorMessage) ? null : m.ErrorMessage));
        try
        {
            await engine.Client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromImage = repository, Tag = tag }, request.Credentials?.ToAuthConfig(registry) ?? new AuthConfig(), reporter, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new ContainerException($"cannot pull {request.Image} from {registry}: {e.ResponseBody.Trim()}; nothing was changed");
        }

        if (error is not null)
        {
            throw new ContainerException($"cannot pull {request.Image} from {registry}: {error.Trim()}; nothing was changed");
        }
    }

    private static string Display(ContainerListResponse container) => container.Names.FirstOrDefault()?.TrimStart('/') ?? container.ID[..12];
}
