namespace Kiln.Serving.Contracts;

/// <summary>OIP server metadata (GET /v2).</summary>
/// <param name="Name">The server name, "kiln".</param>
/// <param name="Version">The service's SemVer.</param>
/// <param name="Extensions">Protocol extensions beyond the OIP core.</param>
public sealed record ServerMetadataResponse(string Name, string Version, IReadOnlyList<string> Extensions);
