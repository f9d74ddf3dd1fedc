namespace Kiln.Containers;

/// <summary>The label keys Kiln puts on images and containers, so rollouts can find what they manage.</summary>
public static class KilnLabels
{
    /// <summary>Marks a container as a serving instance managed by <see cref="Rollout"/> (value <see cref="ServingRole"/>).</summary>
    public const string Role = "io.kiln.role";

    /// <summary>The value of <see cref="Role"/> on serving instances.</summary>
    public const string ServingRole = "serving";

    /// <summary>The deployment name a serving instance belongs to.</summary>
    public const string Service = "io.kiln.service";

    /// <summary>The version a serving instance runs.</summary>
    public const string Version = "io.kiln.version";

    /// <summary>The private port on which rollouts probe one instance without going through the shared serving port.</summary>
    public const string ProbePort = "io.kiln.probe-port";

    /// <summary>OCI label of the image version.</summary>
    public const string ImageVersion = "org.opencontainers.image.version";

    /// <summary>The model name baked into the image.</summary>
    public const string ModelName = "io.kiln.model.name";

    /// <summary>The model version baked into the image.</summary>
    public const string ModelVersion = "io.kiln.model.version";

    /// <summary>The SHA-256 of the baked-in model file.</summary>
    public const string ModelSha256 = "io.kiln.model.sha256";

    /// <summary>The SHA-256 of the training data the model came from.</summary>
    public const string DataSha256 = "io.kiln.data.sha256";
}
