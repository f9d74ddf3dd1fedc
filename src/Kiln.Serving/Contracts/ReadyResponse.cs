namespace Kiln.Serving.Contracts;

/// <summary>OIP readiness body (server or model).</summary>
/// <param name="Ready">Whether the model is loaded and warm and the instance is not shutting down.</param>
public sealed record ReadyResponse(bool Ready);
