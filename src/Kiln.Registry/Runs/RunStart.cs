namespace Kiln.Registry.Runs;

/// <summary>What is known when a run starts.</summary>
/// <param name="Kind">What the run does.</param>
/// <param name="GitVersion">The SemVer GitVersion computed for the working tree, if known.</param>
/// <param name="GitCommit">The commit sha the run was built from, if known.</param>
/// <param name="Environment">The configuration profile, e.g. <c>local</c> or <c>prod</c>.</param>
public sealed record RunStart(RunKind Kind, string? GitVersion = null, string? GitCommit = null, string Environment = "local");
