using Docker.DotNet;

namespace Kiln.Containers;

/// <summary>A connection to a Docker engine that answered a ping; every Kiln container operation goes through one.</summary>
public sealed class DockerEngine : IDisposable
{
    /// <summary>The address used when neither a parameter nor DOCKER_HOST names one.</summary>
    public const string DefaultAddress = "unix:///var/run/docker.sock";

    // The engine API version Kiln is written against (Docker 20.10+, what Debian's docker.io and CI runners speak).
    private static readonly Version ApiVersion = new(1, 41);

    private readonly DockerClientConfiguration _configuration;

    private DockerEngine(string address, DockerClientConfiguration configuration, DockerClient client)
    {
        Address = address;
        _configuration = configuration;
        Client = client;
    }

    /// <summary>The engine address, e.g. unix:///tmp/kiln-docker.sock.</summary>
    public string Address { get; }

    /// <summary>The Docker.DotNet client, for inspection beyond what Kiln wraps.</summary>
    public DockerClient Client { get; }

    /// <summary>Resolves the engine address: the explicit one, else DOCKER_HOST, else <see cref="DefaultAddress"/>.</summary>
    /// <param name="address">An explicit address (e.g. from --docker-host), or null.</param>
    public static string ResolveAddress(string? address = null) =>
        !string.IsNullOrWhiteSpace(address) ? address.Trim()
        : Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim()
        : DefaultAddress;

    /// <summary>Connects and pings the engine; throws <see cref="ContainerException"/> saying how to start one when none answers.</summary>
    /// <param name="address">An explicit address, or null for DOCKER_HOST / the default socket.</param>
    /// <param name="cancellationToken">Cancels the ping.</param>
    public static async Task<DockerEngine> ConnectAsync(string? address = null, CancellationToken cancellationToken = default)
    {
        var resolved = ResolveAddress(address);
        if (!Uri.TryCreate(resolved, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "npipe"))
        {
            throw new ContainerException($"'{resolved}' is not a Docker engine address; use unix:///path/to/docker.sock or tcp://host:port");
        }

        var configuration = new DockerClientConfiguration(uri, defaultTimeout: TimeSpan.FromMinutes(10));
        var client = configuration.CreateClient(ApiVersion);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await client.System.PingAsync(timeout.Token);
            return new DockerEngine(resolved, configuration, client);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            configuration.Dispose();
            var reason = e is OperationCanceledException ? "no answer within 10 s" : Innermost(e).Message;
            throw new ContainerException(
                $"no Docker engine at {resolved}: {reason}. Start one (see .ci/container-engine.sh) or set DOCKER_HOST / --docker-host");
        }
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        Client.Dispose();
        _configuration.Dispose();
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
