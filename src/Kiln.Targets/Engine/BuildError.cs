namespace Kiln.Targets.Engine;

/// <summary>A problem the user can fix (bad argument, missing parameter, cycle); printed as its message, never a stack trace.</summary>
internal sealed class BuildError(string message) : Exception(message);
