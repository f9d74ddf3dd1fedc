using Kiln.Dashboard.Rendering;

namespace Kiln.Dashboard.Tests;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void RawHtmlInStoredMarkdownIsShownAsTextNotRun()
    {
        var html = Render("# Card\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptLinksAreDefusedAndOrdinaryLinksKept()
    {
        var html = Render("[click](javascript:alert(1)) and [docs](https://example.org/x) and [local](#metrics)");

        Assert.Contains("<a href=\"#\">click</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/x\">docs</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#metrics\">local</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ImagesPointAtStoredArtifactsOrBecomeTheirAltText()
    {
        var html = Render("![ROC](roc.png)\n\n![Lift](lift.png)", name => name == "roc.png" ? "/runs/R/artifacts/roc.png" : null);

        Assert.Contains("<img src=\"/runs/R/artifacts/roc.png\" alt=\"ROC\" />", html, StringComparison.Ordinal);
        Assert.Contains("[Lift: not stored with this entry]", html, StringComparison.Ordinal);
        Assert.DoesNotContain("lift.png", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDocumentTitleGivesWayToThePageSectionAndHeadingsMoveDownALevel()
    {
        var html = Render("# Evaluation report\n\n## Metrics\n\n| metric | value |\n|---|---:|\n| roc_auc | 0.8716 |\n");

        Assert.DoesNotContain("Evaluation report", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Metrics</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align: right;\">0.8716</td>", html, StringComparison.Ordinal);
    }

    private string Render(string markdown, Func<string, string?>? images = null)
    {
        using var writer = new StringWriter();
        _renderer.Render(markdown, images ?? (_ => null)).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
