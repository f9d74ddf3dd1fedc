using System.Text.RegularExpressions;

namespace Kiln.Registry;

/// <summary>Rules for model and alias names, so every name also works inside a <c>models:/</c> reference and a file path.</summary>
public static partial class RegistryNames
{
    /// <summary>Throws a clear error unless <paramref name="name"/> is a valid model name.</summary>
    public static string ValidModelName(string name) => Valid(name, "Model name");

    /// <summary>Throws a clear error unless <paramref name="alias"/> is a valid alias (and not a number, which would read as a version).</summary>
    public static string ValidAlias(string alias)
    {
        Valid(alias, "Alias");
        return alias.All(char.IsAsciiDigit)
            ? throw new RegistryException($"Alias '{alias}' is a number; a number would be read as a version, so use a word such as 'champion'.")
            : alias;
    }

    private static string Valid(string value, string what) =>
        NamePattern().IsMatch(value ?? string.Empty)
            ? value!
            : throw new RegistryException(
                $"{what} '{value}' is not allowed: use 1-100 letters, digits, '.', '-' or '_', starting with a letter or digit.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}
