namespace Kiln.Pipeline.Configuration;

/// <summary>Finds the closest known name to a misspelt one, for "did you mean" hints.</summary>
internal static class Suggestions
{
    public static string Hint(string given, IEnumerable<string> known)
    {
        var best = known
            .Select(name => (name, distance: Distance(given, name)))
            .OrderBy(candidate => candidate.distance)
            .FirstOrDefault();
        // Beyond a third of the word the "suggestion" is noise rather than help.
        return best.name is not null && best.distance <= Math.Max(2, given.Length / 3)
            ? $" (did you mean '{best.name}'?)"
            : $" (expected one of: {string.Join(", ", known)})";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
