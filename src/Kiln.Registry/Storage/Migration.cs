namespace Kiln.Registry.Storage;

/// <summary>One ordered schema step, applied in its own transaction.</summary>
/// <param name="Version">The schema version the step produces.</param>
/// <param name="Description">What the step adds, recorded in <c>schema_version</c>.</param>
/// <param name="Sql">The DDL to run.</param>
public sealed record Migration(int Version, string Description, string Sql);
