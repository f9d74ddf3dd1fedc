namespace Kiln.Serving.Contracts;

/// <summary>OIP liveness body.</summary>
/// <param name="Live">Whether the process serves HTTP.</param>
public sealed record LiveResponse(bool Live);
