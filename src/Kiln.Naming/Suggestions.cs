namespace Kiln.Naming;

/// <summary>
/// Finds the known names closest to a misspelt one, for the "did you mean" of every unknown target, option, parameter,
/// configuration key, trainer and metric.
/// </summary>
/// <remarks>
/// Names are compared by <see cref="Names.Key"/> (case, dashes and underscores ignored). A name that the other starts or
/// ends with, either way, is the closest possible match: a name cut short at either end (<c>roc</c> for <c>roc_auc</c>,
/// <c>auc</c> for <c>roc_auc</c> and <c>pr_auc</c>, <c>Lbfgs</c> for <c>LbfgsLogisticRegression</c>) is the commonest slip
/// for a long name, and edit distance alone never finds it. Otherwise the Levenshtein distance must stay within a third
/// of the name (at least 2): beyond that a "suggestion" is noise.
/// </remarks>
public static class Suggestions
{
    /// <summary>Returns up to <paramref name="max"/> candidates close to <paramref name="given"/>, closest first, ties in ordinal order.</summary>
    /// <param name="given">The misspelt name.</param>
    /// <param name="candidates">The known names.</param>
    /// <param name="max">How many suggestions at most.</param>
    public static IReadOnlyList<string> Closest(string given, IEnumerable<string> candidates, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(candidates);
        var key = Names.Key(given);
        var limit = Math.Max(2, key.Length / 3);
        return [.. candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Score: Score(key, Names.Key(c))))
            .Where(c => c.Score <= limit)
            .OrderBy(c => c.Score)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Name)];
    }

    /// <summary>Formats <c>" Did you mean A or B?"</c> for a command-line error, or an empty string when nothing is close.</summary>
    /// <param name="given">The misspelt name.</param>
    /// <param name="candidates">The known names.</param>
    /// <param name="format">How to show a suggestion (e.g. with its <c>--</c>); as is when null.</param>
    public static string DidYouMean(string given, IEnumerable<string> candidates, Func<string, string>? format = null)
    {
        var closest = Closest(given, candidates);
        return closest.Count == 0 ? string.Empty : $" Did you mean {Either(closest.Select(format ?? (c => c)))}?";
    }

    /// <summary>Formats <c>" (did you mean 'a'?)"</c> for a configuration error, or lists every known value when nothing is close.</summary>
    /// <param name="given">The unknown key or value.</param>
    /// <param name="known">The keys or values allowed there.</param>
    public static string Hint(string given, IEnumerable<string> known)
    {
        var names = known.ToList();
        var closest = Closest(given, names);
        return closest.Count == 0
            ? $" (expected one of: {string.Join(", ", names)})"
            : $" (did you mean {Either(closest.Select(c => $"'{c}'"))}?)";
    }

    private static string Either(IEnumerable<string> names)
    {
        var shown = names.ToList();
        return shown.Count == 1 ? shown[0] : $"{string.Join(", ", shown.Take(shown.Count - 1))} or {shown[^1]}";
    }

    private static int Score(string given, string candidate)
    {
        var (shorter, longer) = given.Length <= candidate.Length ? (given, candidate) : (candidate, given);
        if (shorter.Length > 0 && (longer.StartsWith(shorter, StringComparison.Ordinal) || longer.EndsWith(shorter, StringComparison.Ordinal)))
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
