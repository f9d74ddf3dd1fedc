namespace Kiln.Registry.Storage;

/// <summary>Where an alias pointed when a change was prepared; the store commits the change only if it still points there.</summary>
/// <param name="Alias">The alias, e.g. <c>champion</c>.</param>
/// <param name="Version">The version it pointed at, or null when it was not set.</param>
public sealed record AliasExpectation(string Alias, int? Version);
