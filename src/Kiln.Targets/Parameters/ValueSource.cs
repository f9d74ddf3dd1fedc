namespace Kiln.Targets.Parameters;

/// <summary>Where a parameter's value came from, for error messages ("command line", "env DOCKER_HOST", a file path).</summary>
/// <param name="Description">The origin as shown to the user.</param>
/// <param name="BaseDirectory">The directory relative paths are resolved against.</param>
internal sealed record ValueSource(string Description, string BaseDirectory);
