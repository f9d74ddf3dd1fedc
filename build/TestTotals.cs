using System.Text.RegularExpressions;

/// <summary>The totals Microsoft.Testing.Platform prints at the end of <c>dotnet test</c>.</summary>
sealed partial record TestTotals(int Total, int Failed, int Succeeded, int Skipped)
{
    /// <summary>Reads the last summary block of a <c>dotnet test</c> run (all zero when there is none).</summary>
    public static TestTotals Parse(IEnumerable<string> output)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in output)
        {
            var match = SummaryLine().Match(line);
            if (match.Success)
            {
                values[match.Groups["key"].Value] = int.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new(values.GetValueOrDefault("total"), values.GetValueOrDefault("failed"),
            values.GetValueOrDefault("succeeded"), values.GetValueOrDefault("skipped"));
    }

    /// <summary>The line CI reads: <c>N passed, N failed, N skipped</c>.</summary>
    public override string ToString() => $"{Succeeded} passed, {Failed} failed, {Skipped} skipped";

    [GeneratedRegex(@"^\s+(?<key>total|failed|succeeded|skipped):\s+(?<value>\d+)\s*$")]
    private static partial Regex SummaryLine();
}
