namespace Kiln.Pipeline.Configuration;

/// <summary>Where and how the serving container is rolled out.</summary>
/// <param name="Registry">The image registry host:port to push to.</param>
/// <param name="ContainerName">The running container's name.</param>
/// <param name="Port">The port the service listens on.</param>
/// <param name="ReadyTimeoutSeconds">How long to wait for the health check before rolling back.</param>
public sealed record DeployConfig(string Registry, string ContainerName, int Port, int ReadyTimeoutSeconds)
{
    /// <summary>The values used for every key the file leaves out.</summary>
    public static DeployConfig Default { get; } = new(Registry: "127.0.0.1:5000", ContainerName: "kiln-model", Port: 8080, ReadyTimeoutSeconds: 30);
}
