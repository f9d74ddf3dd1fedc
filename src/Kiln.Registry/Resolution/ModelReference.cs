using System.Globalization;

namespace Kiln.Registry.Resolution;

/// <summary>A parsed model reference: <c>models:/churn@champion</c>, <c>models:/churn/3</c>, <c>models:/churn/latest</c> or a file path.</summary>
/// <param name="Text">The reference as given.</param>
/// <param name="Kind">Which form it has.</param>
/// <param name="Name">Model name (registry forms only).</param>
/// <param name="Alias">Alias (alias form only).</param>
/// <param name="Version">Version number (version form only).</param>
public sealed record ModelReference(string Text, ModelReferenceKind Kind, string? Name = null, string? Alias = null, int? Version = null)
{
    /// <summary>The scheme that marks a registry reference.</summary>
    public const string Scheme = "models:/";

    /// <summary>Parses <paramref name="text"/>; anything not starting with <c>models:/</c> is a file path.</summary>
    public static ModelReference Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RegistryException("The model reference is empty; use models:/<name>@<alias>, models:/<name>/<version> or a file path.");
        }

        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return new ModelReference(text, ModelReferenceKind.FilePath);
        }

        var rest = text[Scheme.Length..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return new ModelReference(text, ModelReferenceKind.Alias,
                Checked(text, () => RegistryNames.ValidModelName(rest[..at])), Alias: Checked(text, () => RegistryNames.ValidAlias(rest[(at + 1)..])));
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw Malformed(text);
        }

        var name = Checked(text, () => RegistryNames.ValidModelName(rest[..slash]));
        var selector = rest[(slash + 1)..];
        if (selector == "latest")
        {
            return new ModelReference(text, ModelReferenceKind.Latest, name);
        }

        return int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? new ModelReference(text, ModelReferenceKind.Version, name, Version: version)
            : throw Malformed(text);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static string Checked(string text, Func<string> validate)
    {
        try
        {
            return validate();
        }
        catch (RegistryException e)
        {
            throw new RegistryException($"Model reference '{text}' is malformed: {e.Message}", e);
        }
    }

    private static RegistryException Malformed(string text) => new(
        $"Model reference '{text}' is malformed; use models:/<name>@<alias>, models:/<name>/<version> (a positive number), models:/<name>/latest, or a file path.");
}
