namespace Kiln.Containers;

/// <summary>What to deploy where.</summary>
/// <param name="Name">The deployment name; containers are called <c>Name-Version</c>.</param>
/// <param name="Image">The image reference to run, e.g. 127.0.0.1:5000/kiln/churn:1.2.0; pulled when the host lacks it.</param>
/// <param name="Version">The version being deployed (what "already serving" compares).</param>
/// <param name="Port">The serving port, shared by old and new instance during the switch (SO_REUSEPORT).</param>
/// <param name="SmokeRowsJson">A JSON array of records POSTed to the new instance before it replaces the old one.</param>
/// <param name="ExpectedProbabilities">When given, the smoke prediction must match these within <see cref="SmokeTest.Tolerance"/>.</param>
/// <param name="Credentials">Registry credentials for the pull, or null.</param>
/// <param name="ReadyTimeout">How long the new instance may take to become ready; default 60 s.</param>
/// <param name="DrainTimeout">How long the old instance may finish in-flight requests after SIGTERM; default 30 s.</param>
/// <param name="Environment">Extra environment variables for the new container.</param>
public sealed record RolloutRequest(
    string Name,
    string Image,
    string Version,
    int Port,
    string SmokeRowsJson,
    IReadOnlyList<float>? ExpectedProbabilities = null,
    RegistryCredentials? Credentials = null,
    TimeSpan? ReadyTimeout = null,
    TimeSpan? DrainTimeout = null,
    IReadOnlyDictionary<string, string>? Environment = null);
