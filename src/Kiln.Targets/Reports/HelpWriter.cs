using System.Collections;
using System.Globalization;
using System.Text;
using Kiln.Targets.Engine;
using Kiln.Targets.Parameters;

namespace Kiln.Targets.Reports;

/// <summary>Renders <c>--help</c> in NUKE's spirit: listed targets with direct dependencies and descriptions, then parameters.</summary>
internal static class HelpWriter
{
    private static readonly (string Option, string Description)[] BuiltIns =
    [
        ("--help, -h", "Show this help"),
        ("--plan", "Show the execution plan (order, why each target runs, skips, cache status) without running"),
        ("--target <names...>", "Targets to run (same as naming them first)"),
        ("--skip [names...]", "Skip the named targets; without names skip every dependency of the requested targets"),
        ("--profile <name>", "Read .nuke/parameters.<name>.json over .nuke/parameters.json (repeatable)"),
        ("--force", "Rerun cached targets even when they are up to date"),
        ("--verbose", "Show debug lines and stack traces of unexpected errors"),
        ("--root <dir>", "Use this directory as the root instead of searching for Solution.sln or .nuke/"),
    ];

    public static string Render(TargetGraph graph, IReadOnlyList<TargetNode> defaults, IReadOnlyList<ParameterMember> parameters, IReadOnlyDictionary<ParameterMember, object?> initialValues)
    {
        var text = new StringBuilder();
        text.AppendLine("Targets (with their direct dependencies):").AppendLine();
        var listed = graph.Targets.Where(t => !t.Definition.IsUnlisted).ToList();
        var names = listed.Select(t => defaults.Contains(t) ? $"{t.Name} (default)" : t.Name).ToList();
        var dependencies = listed.Select(t => t.Dependencies.Count == 0 ? string.Empty : "-> " + string.Join(", ", t.Dependencies.Select(d => d.Name))).ToList();
        var nameWidth = names.DefaultIfEmpty(string.Empty).Max(n => n.Length);
        var dependencyWidth = dependencies.DefaultIfEmpty(string.Empty).Max(d => d.Length);
        for (var i = 0; i < listed.Count; i++)
        {
            text.AppendLine(string.Join("  ", "  " + names[i].PadRight(nameWidth), dependencies[i].PadRight(dependencyWidth), listed[i].Definition.DescriptionText).TrimEnd());
        }

        text.AppendLine().AppendLine("Parameters:").AppendLine();
        var rows = parameters.Select(p => (Option: p.Option, Description: Describe(p, initialValues.GetValueOrDefault(p)))).Concat(BuiltIns).ToList();
        var optionWidth = rows.Max(r => r.Option.Length);
        foreach (var (option, description) in rows)
        {
            text.AppendLine(string.Join("  ", "  " + option.PadRight(optionWidth), description).TrimEnd());
        }

        var example = parameters.Count > 0 ? $" (e.g. {parameters[0].EnvironmentName} for {parameters[0].Option})" : string.Empty;
        text.AppendLine().AppendLine($"Parameters are also read from environment variables{example}, .nuke/parameters.json and --profile files.");
        return text.ToString();
    }

    private static string Describe(ParameterMember parameter, object? initial)
    {
        var details = new List<string> { parameter.TypeDescription };
        if (parameter.IsSecret)
        {
            details.Add("secret");
        }
        else if (Format(initial) is { } shown)
        {
            details.Add($"default: {shown}");
        }

        return $"{parameter.Description} ({string.Join("; ", details)})".TrimStart();
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text when text.Length == 0 => null,
        string text => text,
        bool flag => flag ? "true" : null,
        Array { Length: 0 } => null,
        IEnumerable items and not string => string.Join(" ", items.Cast<object?>().Select(i => i?.ToString())),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
