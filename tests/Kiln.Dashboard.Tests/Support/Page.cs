using System.Net;
using System.Text.RegularExpressions;

namespace Kiln.Dashboard.Tests.Support;

/// <summary>A fetched page: its status and its text as a reader sees it (entities decoded).</summary>
public sealed partial record Page(HttpStatusCode Status, string Html, HttpResponseMessage Response)
{
    public string Text => WebUtility.HtmlDecode(Html);

    /// <summary>The words a reader sees, tags removed and white space collapsed.</summary>
    public string Words => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(Html, "<[^>]+>", " "), "\\s+", " "));

    /// <summary>The run ids linked from the first table body, in order.</summary>
    public IReadOnlyList<string> RunIds
    {
        get
        {
            var body = Html.IndexOf("<tbody>", StringComparison.Ordinal);
            return body < 0 ? [] : [.. RunLink().Matches(Html[body..Html.IndexOf("</tbody>", body, StringComparison.Ordinal)]).Select(m => m.Groups[1].Value)];
        }
    }

    /// <summary>The value of the hidden input named <paramref name="name"/>.</summary>
    public string? Hidden(string name) =>
        Regex.Match(Html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"") is { Success: true } match ? match.Groups[1].Value : null;

    public static async Task<Page> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response);
    }

    public static async Task<Page> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var response = await client.PostAsync(url, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response);
    }

    [GeneratedRegex("<a class=\"mono\" href=\"/runs/([0-9A-Z]{26})\">")]
    private static partial Regex RunLink();
}
