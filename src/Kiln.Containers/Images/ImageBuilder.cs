using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Hashing;

namespace Kiln.Containers;

/// <summary>Builds the service image from a published service, the champion model and the Dockerfile, through the engine API.</summary>
/// <param name="engine">The engine to build on.</param>
public sealed class ImageBuilder(DockerEngine engine)
{
    /// <summary>The official base for real use (needs mcr.microsoft.com); see <see cref="OfflineBaseImage"/> for machines without it.</summary>
    public const string OfficialBaseImage = "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled";

    // Debugging and tracing helpers the runtime ships but a serving image never uses.
    private static readonly HashSet<string> ExcludedFiles = new(StringComparer.Ordinal)
    {
        "createdump", "libmscordaccore.so", "libmscordbi.so", "libcoreclrtraceptprovider.so",
    };

    /// <summary>Whether a published file is left out of the image (debugging and tracing helpers, symbols).</summary>
    /// <param name="fileName">The file name.</param>
    public static bool IsExcludedFromImage(string fileName) =>
        ExcludedFiles.Contains(fileName) || fileName.EndsWith(".pdb", StringComparison.Ordinal) || fileName.EndsWith(".dbg", StringComparison.Ordinal);

    /// <summary>Builds and tags <c>Repository:Version</c>; build output goes to <paramref name="progress"/> line by line.</summary>
    /// <param name="request">What to build.</param>
    /// <param name="progress">Receives build output lines.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    public async Task<BuiltImage> BuildAsync(ImageBuildRequest request, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var repository = ImageReference.CheckRepository(request.Repository);
        var reference = $"{repository}:{ImageReference.TagFor(request.Version)}";
        var publish = Path.GetFullPath(request.PublishDirectory);
        if (!File.Exists(Path.Combine(publish, "Kiln.Serving")))
        {
            throw new ContainerException($"{publish} does not hold a published Kiln.Serving (publish it for linux-x64 first, see ServicePublisher)");
        }

        var model = Path.GetFullPath(request.ModelPath);
        if (!File.Exists(model))
        {
            throw new ContainerException($"model file not found: {model}");
        }

        var dockerfile = Path.GetFullPath(request.DockerfilePath);
        if (!File.Exists(dockerfile))
        {
            throw new ContainerException($"Dockerfile not found: {dockerfile}");
        }

        if (request.BaseImage == OfflineBaseImage.Tag)
        {
            await OfflineBaseImage.EnsureAsync(engine, publish, progress, cancellationToken);
        }

        var buildArgs = new Dictionary<string, string>
        {
            ["BASE_IMAGE"] = request.BaseImage,
            ["VERSION"] = request.Version,
            ["REVISION"] = request.Revision ?? "unknown",
            ["CREATED"] = (request.Created ?? DateTimeOffset.UtcNow).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["SOURCE"] = request.Source ?? string.Empty,
            ["MODEL_NAME"] = request.ModelName,
            ["MODEL_VERSION"] = request.ModelVersion,
            ["MODEL_SHA256"] = FileHash.Sha256(model),
            ["DATA_SHA256"] = request.DataSha256 ?? string.Empty,
        };

        progress?.Invoke($"assembling the build context: {publish} + {model}");
        using var context = new BuildContext();
        context.AddFile("Dockerfile", dockerfile);
        context.AddTree("app", publish, relative => IsExcludedFromImage(Path.GetFileName(relative)));
        context.AddDirectory("model");
        context.AddFile("model/model.onnx", model);

        var parameters = new ImageBuildParameters
        {
            Tags = [reference],
            Dockerfile = "Dockerfile",
            BuildArgs = buildArgs,
            Remove = true,
            ForceRemove = true,
        };
        try
        {
            await RunBuildAsync(engine, context.Complete(), parameters, progress, cancellationToken);
        }
        catch (ContainerException e) when (request.BaseImage == OfficialBaseImage)
        {
            throw new ContainerException($"{e.Message} (the official base {OfficialBaseImage} must be pullable; on machines without access use the offline base {OfflineBaseImage.Tag})");
        }

        var built = await FindAsync(reference, cancellationToken)
            ?? throw new ContainerException($"the engine reported building {reference}, but has no such image");
        progress?.Invoke($"built {reference} ({built.Id}, {built.SizeBytes / 1_000_000.0:F1} MB)");
        return built;
    }

    /// <summary>The local image with this reference, or null when the engine has none.</summary>
    /// <param name="reference">An image reference such as <c>kiln-churn:1.2.3</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<BuiltImage?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        try
        {
            var image = await engine.Client.Images.InspectImageAsync(reference, cancellationToken);
            return new BuiltImage(image.ID, reference, image.Size, new Dictionary<string, string>(image.Config?.Labels ?? new Dictionary<string, string>()));
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Streams a tar context to the engine, forwarding output lines and turning a build error into <see cref="ContainerException"/>.</summary>
    internal static async Task RunBuildAsync(DockerEngine engine, Stream context, ImageBuildParameters parameters, Action<string>? progress, CancellationToken cancellationToken)
    {
        string? error = null;
        var reporter = new CallbackProgress<JSONMessage>(message =>
        {
            if (message.Error is { Message.Length: > 0 } || !string.IsNullOrEmpty(message.ErrorMessage))
            {
                error ??= message.Error?.Message ?? message.ErrorMessage;
                return;
            }

            var text = message.Stream ?? message.Status;
            if (!string.IsNullOrWhiteSpace(text))
            {
                foreach (var line in text.TrimEnd().Split('\n'))
                {
                    progress?.Invoke(line.TrimEnd());
                }
            }
        });

        var tags = string.Join(", ", parameters.Tags ?? []);
        try
        {
            await using (context)
            {
                await engine.Client.Images.BuildImageFromDockerfileAsync(parameters, context, null, null, reporter, cancellationToken);
            }
        }
        catch (DockerApiException e)
        {
            throw new ContainerException($"building {tags} failed: the engine answered {(int)e.StatusCode}: {e.ResponseBody.Trim()}");
        }

        if (error is not null)
        {
            throw new ContainerException($"building {tags} failed: {error.Trim()}");
        }
    }
}
