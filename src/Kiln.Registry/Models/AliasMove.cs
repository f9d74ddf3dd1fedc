namespace Kiln.Registry.Models;

/// <summary>A deliberate move of an alias (promoting a challenger, rolling the champion back), with why.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Alias">The alias to move, e.g. <c>champion</c>.</param>
/// <param name="Version">The version it should point at.</param>
/// <param name="ExpectedVersion">The version the mover saw the alias on (null: it saw the alias unset); the move is refused if it changed since.</param>
/// <param name="Reason">Why, recorded in the alias history.</param>
public sealed record AliasMove(string Model, string Alias, int Version, int? ExpectedVersion, string Reason);
