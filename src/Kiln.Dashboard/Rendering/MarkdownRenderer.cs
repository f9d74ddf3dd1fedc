using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace Kiln.Dashboard.Rendering;

/// <summary>Renders reports and model cards (Markdown from the registry) to HTML: raw HTML is escaped, images point at stored artifacts, headings sit below the page's own.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    /// <summary>The HTML of <paramref name="markdown"/>; <paramref name="imageUrl"/> maps an image's file name to the URL serving it (null: not stored, shown as its alt text).</summary>
    /// <param name="markdown">The Markdown text.</param>
    /// <param name="imageUrl">Resolves relative image references such as <c>roc.png</c>.</param>
    public IHtmlContent Render(string markdown, Func<string, string?> imageUrl)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        // The document's title duplicates the heading of the page section that shows it.
        if (document.FirstOrDefault() is HeadingBlock { Level: 1 } title)
        {
            document.Remove(title);
        }

        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + 1);
        }

        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage)
            {
                if (link.Url is { } url && imageUrl(url) is { } resolved)
                {
                    link.Url = resolved;
                }
                else
                {
                    link.ReplaceBy(new LiteralInline($"[{AltText(link)}: not stored with this entry]"));
                }
            }
            else if (link.Url is { } target && !IsSafe(target))
            {
                link.Url = "#";
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new HtmlString(writer.ToString());
    }

    private static string AltText(LinkInline image) =>
        string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString())) is { Length: > 0 } alt ? alt : "image";

    private static bool IsSafe(string url) =>
        url.StartsWith('#') || url.StartsWith('/') || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || !url.Contains(':', StringComparison.Ordinal);
}
