namespace Kiln.Registry.Models;

/// <summary>A container image that carries a model version (recorded by Containerize when built and by Deploy when pushed).</summary>
/// <param name="Version">The model version baked into the image.</param>
/// <param name="Reference">The image reference, e.g. <c>kiln-churn:1.4.0</c> or <c>127.0.0.1:5000/kiln-churn:1.4.0</c>.</param>
/// <param name="ImageId">The engine's image id (<c>sha256:…</c>).</param>
/// <param name="RecordedAt">When it was recorded.</param>
public sealed record ModelImage(int Version, string Reference, string ImageId, DateTimeOffset RecordedAt);
