namespace Kiln.Containers;

/// <summary>What to put in a service image and how to label it.</summary>
/// <param name="Repository">The image name without tag, e.g. kiln-churn (lowercase).</param>
/// <param name="Version">The service version (GitVersion SemVer); becomes the tag ('+' turns into '-') and the version label.</param>
/// <param name="PublishDirectory">The published service (see <see cref="ServicePublisher"/>).</param>
/// <param name="ModelPath">The champion model.onnx.</param>
/// <param name="DockerfilePath">The repository's Dockerfile.</param>
/// <param name="ModelName">The model name the service reports.</param>
/// <param name="ModelVersion">The model (registry) version the service reports.</param>
/// <param name="BaseImage">The base image; <see cref="OfflineBaseImage.Tag"/> builds the offline one on demand.</param>
/// <param name="Revision">The source commit, for org.opencontainers.image.revision.</param>
/// <param name="Source">The source repository URL, for org.opencontainers.image.source.</param>
/// <param name="DataSha256">The SHA-256 of the training data, for io.kiln.data.sha256.</param>
/// <param name="Created">The creation time label; defaults to now.</param>
public sealed record ImageBuildRequest(
    string Repository,
    string Version,
    string PublishDirectory,
    string ModelPath,
    string DockerfilePath,
    string ModelName,
    string ModelVersion,
    string BaseImage = ImageBuilder.OfficialBaseImage,
    string? Revision = null,
    string? Source = null,
    string? DataSha256 = null,
    DateTimeOffset? Created = null);
