namespace Kiln.Containers;

/// <summary>An expected container failure (no engine, failed build, unhealthy image, failed rollout) whose message says what went wrong.</summary>
/// <param name="message">What failed and, where it helps, what to do about it.</param>
public sealed class ContainerException(string message) : Exception(message);
