using System.Globalization;
using System.Net;
using System.Text;

namespace Kiln.Pipeline.Profiling;

/// <summary>Renders a <see cref="DatasetProfile"/> as one self-contained HTML page: inline CSS and SVG, no script, readable offline and by screen readers.</summary>
public static class ProfileHtml
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1b1b1b;line-height:1.4}
        h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:2px solid #2f6690}h3{margin-top:1.8rem}
        table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
        th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
        caption{text-align:left;font-weight:600;padding:.25rem 0}
        .warn li{margin:.2rem 0}.status-drifted,.suspect{font-weight:700;color:#8a1c2b}
        .status-moderate{color:#7a4b00}.note{color:#444;font-style:italic}
        .column{display:grid;grid-template-columns:minmax(18rem,1fr) 2fr;gap:1rem}
        .column table{width:100%}figure{margin:0}
        """;

    /// <summary>The whole page.</summary>
    /// <param name="profile">The profile.</param>
    public static string Render(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<title>Data profile: {E(profile.File)}</title><style>{Style}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Data profile: {E(profile.File)}</h1>");
        Overview(html, profile);
        Warnings(html, profile);
        ColumnsTable(html, profile);
        Drift(html, profile);
        Matrix(html, "Correlations (numeric columns and the label)", profile.Correlations);
        Matrix(html, "Associations (categorical columns and the label)", profile.Associations);
        Leakage(html, profile);
        Duplicates(html, profile);
        html.Append("<h2 id=\"columns-detail\">Columns</h2>");
        foreach (var column in profile.Columns)
        {
            Column(html, column);
        }

        return html.Append("<footer><p class=\"note\">Written by Kiln's Profile target; the same figures are in profile.json.</p></footer></body></html>\n").ToString();
    }

    private static void Overview(StringBuilder html, DatasetProfile profile)
    {
        var label = profile.Label;
        var rejected = profile.RejectedByReason.Count == 0 ? "none" : string.Join(", ", profile.RejectedByReason.Select(r => $"{r.Key} {r.Value:N0}"));
        html.Append("<table><caption>Overview</caption><tbody>")
            .Append(Row("rows", $"{profile.Records:N0} ({profile.MalformedRecords:N0} malformed)"))
            .Append(Row("columns", profile.Columns.Count.ToString(CultureInfo.InvariantCulture)))
            .Append(Row("accepted by the Features stage", $"{profile.AcceptedRows:N0}; would be quarantined: {rejected}"))
            .Append(Row($"label '{label.Column}'", $"{label.Positive} {label.Positives:N0}, {label.Negative} {label.Negatives:N0}, invalid {label.Invalid:N0}; positive rate {Percent(label.Rate.Rate)} (95 % CI {Percent(label.Rate.Low)} – {Percent(label.Rate.High)})"))
            .Append(Row("sample", $"{profile.SampleRows:N0} rows{(profile.SampleIsComplete ? " (every row: quantiles, correlations and leakage are exact)" : " drawn uniformly for quantiles, correlations, associations and leakage; counts, histograms and label rates use every row")}"))
            .Append(Row("sha256", profile.Sha256))
            .Append("</tbody></table>");
    }

    private static void Warnings(StringBuilder html, DatasetProfile profile)
    {
        html.Append("<h2 id=\"warnings\">Warnings</h2>");
        if (profile.Warnings.Count == 0)
        {
            html.Append("<p>None.</p>");
            return;
        }

        html.Append("<ul class=\"warn\">");
        foreach (var warning in profile.Warnings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(warning)}</li>");
        }

        html.Append("</ul>");
    }

    private static void ColumnsTable(StringBuilder html, DatasetProfile profile)
    {
        html.Append("<h2 id=\"overview\">Column overview</h2><table><caption>Every column, in file order</caption><thead><tr>")
            .Append("<th scope=\"col\">column</th><th scope=\"col\">role</th><th scope=\"col\">inferred type</th><th scope=\"col\">profiled as</th>")
            .Append("<th scope=\"col\">present</th><th scope=\"col\">missing</th><th scope=\"col\">distinct</th><th scope=\"col\">note</th></tr></thead><tbody>");
        foreach (var c in profile.Columns)
        {
            var total = c.Present + c.Missing;
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\"><a href=\"#col-{Anchor(c.Name)}\">{E(c.Name)}</a></th><td>{E(c.Role)}</td><td>{E(c.InferredType)}</td><td>{E(c.ProfiledAs)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{c.Present:N0}</td><td class=\"n\">{c.Missing:N0} ({Percent(total == 0 ? double.NaN : (double)c.Missing / total)})</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{(c.DistinctIsExact ? "" : "≈ ")}{c.Distinct:N0}</td><td>{E(c.Note ?? "")}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Drift(StringBuilder html, DatasetProfile profile)
    {
        var drift = profile.Drift;
        html.Append("<h2 id=\"drift\">Train versus test drift (population stability index)</h2>")
            .Append(CultureInfo.InvariantCulture, $"<p>{drift.TrainRows:N0} training and {drift.TestRows:N0} test rows: {E(drift.Method)}. A PSI of {Number(drift.Threshold, "F1")} or more marks a feature as drifted; 0.1 to {Number(drift.Threshold, "F1")} is moderate.</p>")
            .Append("<figure>")
            .Append(SvgChart.Bars("PSI per feature, train versus test", [.. drift.Features.Select(f => (f.Feature, f.Psi))], v => Number(v, "F4"), drift.Threshold))
            .Append("</figure><table><caption>PSI per feature</caption><thead><tr><th scope=\"col\">feature</th><th scope=\"col\">kind</th><th scope=\"col\">PSI</th><th scope=\"col\">status</th><th scope=\"col\">rows per bin (train / test)</th></tr></thead><tbody>");
        foreach (var f in drift.Features)
        {
            var bins = string.Join("; ", f.Bins.Select(b => $"{b.Bin}: {b.Train:N0} / {b.Test:N0}"));
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(f.Feature)}</th><td>{E(f.Kind)}</td><td class=\"n\">{Number(f.Psi, "F4")}</td><td class=\"status-{E(f.Status)}\">{E(f.Status)}</td><td>{E(bins)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Matrix(StringBuilder html, string title, MatrixTable table)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{Anchor(title)}\">{E(title)}</h2>");
        if (table.Names.Count < 2)
        {
            html.Append("<p>Fewer than two columns to compare.</p>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<table><caption>{E(table.Method)}</caption><thead><tr><td></td>");
        foreach (var name in table.Names)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(name)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < table.Names.Count; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(table.Names[i])}</th>");
            foreach (var value in table.Values[i])
            {
                // The shade only repeats the number written in the cell.
                var shade = double.IsFinite(value) ? (int)(255 - Math.Min(1, Math.Abs(value)) * 90) : 255;
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\" style=\"background:rgb({shade},{shade},255)\">{Number(value, "F2")}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Leakage(StringBuilder html, DatasetProfile profile)
    {
        html.Append("<h2 id=\"leakage\">Leakage suspects</h2>")
            .Append(CultureInfo.InvariantCulture, $"<p>ROC AUC of each column alone against the label (a category scores its own label rate), folded so 0.5 is no signal. A column at {Number(LeakageCheck.SuspectAuc, "F2")} or above separates the label almost perfectly and is a suspect.</p>")
            .Append("<table><caption>Single-column AUC, highest first</caption><thead><tr><th scope=\"col\">column</th><th scope=\"col\">AUC</th><th scope=\"col\">rows</th><th scope=\"col\">verdict</th></tr></thead><tbody>");
        foreach (var check in profile.Leakage)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(check.Column)}</th><td class=\"n\">{Number(check.Auc, "F3")}</td><td class=\"n\">{check.Rows:N0}</td><td{(check.Suspect ? " class=\"suspect\"" : "")}>{(check.Suspect ? "suspect" : "ok")}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Duplicates(StringBuilder html, DatasetProfile profile)
    {
        var d = profile.Duplicates;
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"duplicates\">Duplicate ids and constant columns</h2><p>Id column '{E(d.Column)}': ")
            .Append(d.DuplicatedValues == 0 ? "every id is unique." : string.Create(CultureInfo.InvariantCulture, $"{d.DuplicatedValues:N0} ids occur more than once ({d.ExtraRows:N0} extra rows): {E(string.Join(", ", d.Examples.Select(e => $"{e.Value} ×{e.Count}")))}."))
            .Append("</p><p>Constant columns: ")
            .Append(profile.ConstantColumns.Count == 0 ? "none." : E(string.Join(", ", profile.ConstantColumns)) + ".")
            .Append("</p>");
    }

    private static void Column(StringBuilder html, ColumnProfile c)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"col-{Anchor(c.Name)}\"><h3>{E(c.Name)} <small>({E(c.Role)}, profiled as {E(c.ProfiledAs)})</small></h3>");
        if (c.Note is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(c.Note)}</p>");
        }

        html.Append("<div class=\"column\"><div><table><caption>Summary</caption><tbody>")
            .Append(Row("present / missing", $"{c.Present:N0} / {c.Missing:N0}"))
            .Append(Row("distinct", $"{(c.DistinctIsExact ? "" : "≈ ")}{c.Distinct:N0}"));
        if (c.NotNumbers > 0 && c.ProfiledAs == ColumnType.Numeric)
        {
            html.Append(Row("not numbers", $"{c.NotNumbers:N0} (e.g. {string.Join(", ", c.NotNumberExamples.Select(e => $"'{e}'"))})"));
        }

        if (c.Numeric is { } n)
        {
            html.Append(Row("min / max", $"{Number(n.Minimum, "G6")} / {Number(n.Maximum, "G6")}"))
                .Append(Row("mean ± sd", $"{Number(n.Mean, "G6")} ± {Number(n.StandardDeviation, "G4")}"));
            foreach (var (name, value) in n.Quantiles)
            {
                html.Append(Row(name, Number(value, "G6")));
            }
        }

        if (c.Categories is { } cats)
        {
            html.Append(Row("length (min / mean / max)", $"{Number(cats.MinimumLength, "G4")} / {Number(cats.MeanLength, "G4")} / {Number(cats.MaximumLength, "G4")}"));
        }

        html.Append("</tbody></table></div><div>");
        if (c.Numeric is { } numeric)
        {
            html.Append("<figure>").Append(SvgChart.Histogram($"Histogram of {c.Name}", numeric.Histogram)).Append("</figure>");
        }
        else if (c.Categories is { } categories && categories.Top.Count > 0)
        {
            var items = categories.Top.Select(t => (t.Value, (double)t.Count)).ToList();
            if (categories.OtherCount > 0)
            {
                items.Add(("(other values)", categories.OtherCount));
            }

            html.Append("<figure>").Append(SvgChart.Bars($"Most frequent values of {c.Name}", items, v => v.ToString("N0", CultureInfo.InvariantCulture))).Append("</figure>");
        }

        if (c.LabelRates.Count > 0)
        {
            html.Append("<table><caption>Label rate per ").Append(c.Numeric is null ? "category" : "bin (deciles)")
                .Append("</caption><thead><tr><th scope=\"col\">bin</th><th scope=\"col\">rows</th><th scope=\"col\">positive rate</th><th scope=\"col\">95 % CI (Wilson)</th></tr></thead><tbody>");
            foreach (var rate in c.LabelRates)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(rate.Bin)}</th><td class=\"n\">{rate.Rows:N0}</td><td class=\"n\">{Percent(rate.Rate)}</td><td class=\"n\">{Percent(rate.Low)} – {Percent(rate.High)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</div></div></section>");
    }

    private static string Row(string name, string value) =>
        string.Create(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(name)}</th><td>{E(value)}</td></tr>");

    private static string Percent(double value) => double.IsFinite(value) ? value.ToString("P1", CultureInfo.InvariantCulture) : "–";

    private static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Anchor(string name) => string.Concat(name.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-'));

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
