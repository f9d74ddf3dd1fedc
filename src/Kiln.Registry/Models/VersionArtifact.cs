namespace Kiln.Registry.Models;

/// <summary>A file that belongs to a model version, stored once by content under <c>store/&lt;sha256&gt;</c>.</summary>
/// <param name="Name">File name as registered, e.g. <c>model.onnx</c>, <c>report.md</c>, <c>MODEL_CARD.md</c>.</param>
/// <param name="Sha256">Lower-case hex sha256 of the content.</param>
/// <param name="SizeBytes">Content length.</param>
/// <param name="StorePath">Absolute path of the stored copy.</param>
public sealed record VersionArtifact(string Name, string Sha256, long SizeBytes, string StorePath);
