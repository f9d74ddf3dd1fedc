namespace Kiln.Pipeline.Tuning;

/// <summary>Where one YAML node sits in the text, from the parser's marks, with a mapping's entries in order.</summary>
/// <param name="Start">The node's first character.</param>
/// <param name="End">Just past the node's last character (for a mapping: its closing brace, or its last value).</param>
/// <param name="IsMapping">True for a mapping.</param>
/// <param name="IsFlow">True for a flow-style collection ({ a: 1 } or [a]).</param>
/// <param name="Entries">A mapping's keys (their text and span) and values, in order; empty otherwise.</param>
public sealed record YamlSpan(int Start, int End, bool IsMapping, bool IsFlow, IReadOnlyList<(string Key, int KeyStart, YamlSpan Value)> Entries)
{
    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key.</param>
    public YamlSpan? Find(string key) => Entries.Where(e => e.Key == key).Select(e => e.Value).FirstOrDefault();
}
