namespace Kiln.Registry.Models;

/// <summary>One recorded move of an alias.</summary>
/// <param name="Alias">The alias.</param>
/// <param name="Version">The version it was pointed at, or null when it was removed.</param>
/// <param name="MovedAt">When.</param>
/// <param name="Reason">Why, when the mover gave a reason (registrations record theirs on the version as its decision).</param>
public sealed record AliasHistoryEntry(string Alias, int? Version, DateTimeOffset MovedAt, string? Reason);
