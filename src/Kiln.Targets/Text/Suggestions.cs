namespace Kiln.Targets.Text;

/// <summary>Finds the names closest to a misspelt one (prefix matches first, then small edit distance).</summary>
internal static class Suggestions
{
    public static IReadOnlyList<string> Closest(string given, IEnumerable<string> candidates, int max = 3)
    {
        var key = Names.Key(given);
        return [.. candidates
            .Select(c => (Name: c, Score: Score(key, Names.Key(c))))
            .Where(c => c.Score <= Math.Max(2, key.Length / 3) || c.Score == 0)
            .OrderBy(c => c.Score)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Name)];
    }

    /// <summary>Formats " Did you mean A or B?" or an empty string when nothing is close.</summary>
    public static string DidYouMean(string given, IEnumerable<string> candidates, Func<string, string>? format = null)
    {
        var closest = Closest(given, candidates);
        if (closest.Count == 0)
        {
            return string.Empty;
        }

        var shown = closest.Select(format ?? (c => c)).ToList();
        return shown.Count == 1
            ? $" Did you mean {shown[0]}?"
            : $" Did you mean {string.Join(", ", shown.Take(shown.Count - 1))} or {shown[^1]}?";
    }

    private static int Score(string given, string candidate)
    {
        if (given.Length > 0 && (candidate.StartsWith(given, StringComparison.Ordinal) || given.StartsWith(candidate, StringComparison.Ordinal)))
        {
            return 0;
        }

        return Distance(given, candidate);
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
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
