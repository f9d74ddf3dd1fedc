using Kiln.Targets.Testing;

namespace Kiln.Targets.Tests;

public sealed class TestTotalsTests : IDisposable
{
    private readonly DirectoryInfo _results = Directory.CreateTempSubdirectory("kiln-test-totals-");

    public void Dispose() => _results.Delete(recursive: true);

    [Fact]
    public void AddsUpTheSummariesOfEveryTrxFileAndPrintsTheLineCiReads()
    {
        Write("Kiln.Registry.Tests.trx", passed: 40, failed: 0, notExecuted: 2);
        Write(Path.Combine("nested", "Kiln.Containers.Tests.trx"), passed: 10, failed: 1, notExecuted: 0, error: 1);

        var totals = TestTotals.FromTrxFiles(_results.FullName);

        Assert.Equal(new TestTotals(Total: 54, Passed: 50, Failed: 2, Skipped: 2), totals);
        Assert.Equal("50 passed, 2 failed, 2 skipped", totals.ToString());
    }

    [Fact]
    public void CountsNothingWhenNoTestApplicationWroteAFile()
    {
        File.WriteAllText(Path.Combine(_results.FullName, "notes.txt"), "not a result");

        Assert.Equal(0, TestTotals.FromTrxFiles(_results.FullName).Total);
        Assert.Equal(0, TestTotals.FromTrxFiles(Path.Combine(_results.FullName, "missing")).Total);
    }

    [Fact]
    public void ATruncatedFileFailsNamingIt()
    {
        var path = Path.Combine(_results.FullName, "crashed.trx");
        File.WriteAllText(path, """<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results><UnitTestResult testName="A" outcome="Passed" />""");

        var error = Assert.Throws<InvalidDataException>(() => TestTotals.FromTrxFiles(_results.FullName));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("did not finish", error.Message, StringComparison.Ordinal);
    }

    // The shape xunit.v3 writes with --report-xunit-trx (checked against a real run): skipped tests count as notExecuted.
    private void Write(string relative, int passed, int failed, int notExecuted, int error = 0)
    {
        var path = Path.Combine(_results.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var total = passed + failed + notExecuted + error;
        File.WriteAllText(path, $"""
            <TestRun id="3970e51e-2cca-41dc-8374-cc2219652117" name="unknown@unknown" runUser="unknown" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results><UnitTestResult testName="Kiln.Tests.SomeTests.Passes" outcome="Passed" /></Results>
              <ResultSummary outcome="{(failed + error > 0 ? "Failed" : "Completed")}">
                <Counters total="{total}" executed="{total - notExecuted}" passed="{passed}" failed="{failed}" error="{error}" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="{notExecuted}" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
              </ResultSummary>
            </TestRun>
            """);
    }
}
