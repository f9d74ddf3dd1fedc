using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Kiln.Targets.Testing;

/// <summary>The totals of a test run, counted from the TRX files its test applications wrote (xunit.v3 on Microsoft.Testing.Platform: <c>--report-xunit-trx</c>).</summary>
/// <param name="Total">Every test the files record.</param>
/// <param name="Passed">Tests that passed.</param>
/// <param name="Failed">Tests that failed, errored, timed out or were aborted.</param>
/// <param name="Skipped">Tests that did not run (skipped, with their reason in the file).</param>
public sealed record TestTotals(int Total, int Passed, int Failed, int Skipped)
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Adds up the result summaries of every <c>*.trx</c> file under <paramref name="directory"/> (all zero when there is none).</summary>
    /// <param name="directory">The results directory given to the test run.</param>
    public static TestTotals FromTrxFiles(string directory)
    {
        var totals = new TestTotals(0, 0, 0, 0);
        if (!Directory.Exists(directory))
        {
            return totals;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var counters = ReadCounters(file);
            int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0", NumberStyles.None, CultureInfo.InvariantCulture);
            totals = new TestTotals(
                totals.Total + Count("total"),
                totals.Passed + Count("passed"),
                totals.Failed + Count("failed") + Count("error") + Count("timeout") + Count("aborted"),
                totals.Skipped + Count("notExecuted"));
        }

        return totals;
    }

    /// <summary>The line CI reads: <c>N passed, N failed, N skipped</c>.</summary>
    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    private static XElement ReadCounters(string file)
    {
        try
        {
            return XDocument.Load(file).Root?.Element(Trx + "ResultSummary")?.Element(Trx + "Counters")
                ?? throw new InvalidDataException($"{file}: no <ResultSummary><Counters> in this TRX file; its test run did not finish");
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"{file}: not a complete TRX file; its test run did not finish", e);
        }
    }
}
