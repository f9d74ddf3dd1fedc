using Docker.DotNet;
using Docker.DotNet.Models;

namespace Kiln.Containers;

/// <summary>Tags a local image as <c>registry/repository:version</c> and pushes it.</summary>
/// <param name="engine">The engine holding the image.</param>
public sealed class ImagePusher(DockerEngine engine)
{
    /// <summary>Tags and pushes; returns the pushed reference. Progress lines carry layer status only, never credentials.</summary>
    /// <param name="localImage">The local image reference or id, e.g. kiln-churn:1.2.0.</param>
    /// <param name="registry">The registry host[:port], e.g. 127.0.0.1:5000 or ghcr.io.</param>
    /// <param name="repository">The repository in the registry, e.g. kiln/churn.</param>
    /// <param name="version">The version; becomes the tag.</param>
    /// <param name="credentials">Registry credentials, or null for an anonymous registry.</param>
    /// <param name="progress">Receives push status lines.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    public async Task<string> PushAsync(
        string localImage, string registry, string repository, string version, RegistryCredentials? credentials = null,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localImage);
        ArgumentException.ThrowIfNullOrWhiteSpace(registry);
        var target = ImageReference.CheckRepository($"{registry.Trim().TrimEnd('/')}/{repository.Trim().Trim('/')}");
        var tag = ImageReference.TagFor(version);
        try
        {
            await engine.Client.Images.TagImageAsync(localImage, new ImageTagParameters { RepositoryName = target, Tag = tag, Force = true }, cancellationToken);
        }
        catch (DockerImageNotFoundException)
        {
            throw new ContainerException($"cannot push {localImage}: no such image on the engine at {engine.Address}");
        }

        var reference = $"{target}:{tag}";
        string? error = null;
        var reporter = new CallbackProgress<JSONMessage>(message =>
        {
            if (message.Error is { Message.Length: > 0 } || !string.IsNullOrEmpty(message.ErrorMessage))
            {
                error ??= message.Error?.Message ?? message.ErrorMessage;
            }
            else if (!string.IsNullOrWhiteSpace(message.Status) && message.Progress is null)
            {
                progress?.Invoke(string.IsNullOrEmpty(message.ID) ? message.Status : $"{message.ID}: {message.Status}");
            }
        });

        progress?.Invoke($"pushing {reference}");
        try
        {
            // An empty AuthConfig still has to be sent: the engine rejects a push without the X-Registry-Auth header.
            await engine.Client.Images.PushImageAsync(reference, new ImagePushParameters { Tag = tag }, credentials?.ToAuthConfig(registry) ?? new AuthConfig(), reporter, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new ContainerException($"pushing {reference} failed: the engine answered {(int)e.StatusCode}: {e.ResponseBody.Trim()}");
        }

        if (error is not null)
        {
            throw new ContainerException($"pushing {reference} failed: {error.Trim()}");
        }

        progress?.Invoke($"pushed {reference}");
        return reference;
    }
}
