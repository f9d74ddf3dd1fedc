namespace Kiln.Serving.Tests.Fuzzing;

/// <summary>An object member of a valid body: its key, its value and the key's text.</summary>
/// <param name="Key">The key, quotes included.</param>
/// <param name="Value">The value.</param>
/// <param name="Name">The key's text.</param>
public sealed record JsonMember(JsonSpan Key, JsonSpan Value, string Name);
