namespace Kiln.Pipeline.Configuration;

/// <summary>The serving image to build.</summary>
/// <param name="Image">The image repository name (tagged with the GitVersion SemVer).</param>
/// <param name="BaseImage">The runtime base image.</param>
public sealed record ContainerConfig(string Image, string BaseImage)
{
    /// <summary>The values used for every key the file leaves out.</summary>
    public static ContainerConfig Default { get; } = new(Image: "kiln-model", BaseImage: "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled");
}
