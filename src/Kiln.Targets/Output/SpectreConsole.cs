using System.Globalization;
using Kiln.Targets.Engine;
using Kiln.Targets.Text;
using Spectre.Console;
using SpectreText = Spectre.Console.Text;

namespace Kiln.Targets.Output;

/// <summary>Colours, rules, tables and live progress bars for a person at a terminal.</summary>
internal sealed class SpectreConsole : BuildConsole
{
    private readonly TextWriter _writer;
    private readonly IAnsiConsole _console;
    private readonly List<ProgressHandle> _bars = [];
    private bool _barDrawn;

    public SpectreConsole(TextWriter writer, SecretMasker masker, int? width)
        : base(masker)
    {
        _writer = writer;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(writer),
        });
        if (width is { } fixedWidth)
        {
            _console.Profile.Width = fixedWidth;
        }
    }

    protected override void WriteLine(LogLevel level, string line) => Around(() =>
    {
        var style = level switch
        {
            LogLevel.Warning => new Style(Color.Yellow),
            LogLevel.Error => new Style(Color.Red),
            LogLevel.Debug => new Style(Color.Grey),
            _ => Style.Plain,
        };
        _console.Write(new SpectreText(line + "\n", style));
    });

    protected override void WriteRaw(string text) => Around(() => _writer.Write(text));

    protected override void WriteHeader(string target) => Around(() =>
    {
        _console.WriteLine();
        _console.Write(new Rule($"[bold blue]{Markup.Escape(target)}[/]") { Justification = Justify.Left });
    });

    protected override void WriteTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows) => Around(() =>
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var row in rows)
        {
            table.AddRow([.. Enumerable.Range(0, headers.Count).Select(i => new SpectreText(i < row.Count ? row[i] : string.Empty))]);
        }

        _console.Write(table);
    });

    protected override void WriteSummary(IReadOnlyList<TargetOutcome> outcomes, TimeSpan total, string verdict, bool success) => Around(() =>
    {
        _console.WriteLine();
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Summary[/]");
        table.AddColumn("Target").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned());
        foreach (var outcome in outcomes)
        {
            var colour = outcome.Status switch
            {
                TargetStatus.Succeeded => "green",
                TargetStatus.Failed or TargetStatus.Aborted => "red",
                TargetStatus.UpToDate => "cyan",
                _ => "grey",
            };
            table.AddRow(new SpectreText(outcome.Name), new Markup($"[{colour}]{Markup.Escape(outcome.StatusText)}[/]"), new SpectreText(Duration(outcome.Duration)));
        }

        table.AddRow(new Markup("[bold]Total[/]"), new SpectreText(string.Empty), new Markup($"[bold]{Duration(total)}[/]"));
        _console.Write(table);
        _console.MarkupLine(success ? $"[bold green]{Markup.Escape(verdict)}[/]" : $"[bold red]{Markup.Escape(verdict)}[/]");
    });

    protected override void DrawProgress(ProgressHandle handle, double? fraction)
    {
        ClearBar();
        if (fraction is null)
        {
            _bars.Remove(handle);
            _console.MarkupLine($"[green]✓[/] {Markup.Escape(handle.Task)} [grey]({Duration(handle.Elapsed)})[/]");
        }
        else if (!_bars.Contains(handle))
        {
            _bars.Add(handle);
        }

        DrawBar();
    }

    // Log lines may arrive while a bar is live: erase the bar, write the line, draw the bar again underneath.
    private void Around(Action write)
    {
        ClearBar();
        write();
        DrawBar();
    }

    private void ClearBar()
    {
        if (_barDrawn)
        {
            _writer.Write("\r\u001b[2K");
            _barDrawn = false;
        }
    }

    private void DrawBar()
    {
        if (_bars.Count == 0)
        {
            return;
        }

        var bar = _bars[^1];
        const int cells = 30;
        var filled = (int)Math.Round(bar.Fraction * cells);
        _writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"\u001b[36m{new string('█', filled)}\u001b[90m{new string('░', cells - filled)}\u001b[0m {bar.Fraction * 100,3:0}% {bar.Task}"));
        _writer.Flush();
        _barDrawn = true;
    }
}
