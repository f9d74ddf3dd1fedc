using System.Text.Json;

namespace Kiln.Serving.Tests.Fuzzing;

/// <summary>A token or container in a body: bytes [Start, End), quotes included for strings and keys.</summary>
/// <param name="Start">The first byte.</param>
/// <param name="End">One past the last byte.</param>
/// <param name="Type">The token type (StartObject/StartArray for whole containers).</param>
public sealed record JsonSpan(int Start, int End, JsonTokenType Type);
