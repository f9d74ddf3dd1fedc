using System.Text;

namespace Kiln.Naming;

/// <summary>The spellings of a member name on the command line and in the environment, and the key that matches them all.</summary>
public static class Names
{
    /// <summary>Spells a member name as a command-line option: <c>RegistryPassword</c> → <c>registry-password</c>.</summary>
    /// <param name="name">The member name.</param>
    public static string Kebab(string name) => Split(name, '-', upper: false);

    /// <summary>Spells a member name as an environment variable: <c>DockerHost</c> → <c>DOCKER_HOST</c>.</summary>
    /// <param name="name">The member name.</param>
    public static string UpperSnake(string name) => Split(name, '_', upper: true);

    /// <summary>A comparison key that ignores case, dashes and underscores, so <c>--RegistryPassword</c> finds <c>--registry-password</c>.</summary>
    /// <param name="name">The name in any of its spellings.</param>
    public static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is not '-' and not '_')
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }

    private static string Split(string name, char separator, bool upper)
    {
        var result = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or '-')
            {
                result.Append(separator);
                continue;
            }

            // A new word starts at an upper-case letter after a lower-case one or a digit, or at the last capital of an acronym ("HTTPServer" -> http-server).
            var startsWord = i > 0 && char.IsUpper(c) && name[i - 1] is not '_' and not '-' &&
                             (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
            {
                result.Append(separator);
            }

            result.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return result.ToString();
    }
}
