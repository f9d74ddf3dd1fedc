using Kiln.Naming;
using Kiln.Targets.Parameters;

namespace Kiln.Targets.Engine;

/// <summary>The arguments of one invocation: targets, built-in options and raw parameter values.</summary>
internal sealed class CommandLine
{
    public static readonly string[] BuiltInOptions = ["help", "plan", "skip", "target", "profile", "force", "verbose", "root"];

    public List<string> Targets { get; } = [];

    public bool Help { get; private set; }

    public bool Plan { get; private set; }

    public bool Force { get; private set; }

    public bool Verbose { get; private set; }

    /// <summary>Null without <c>--skip</c>; empty for a bare <c>--skip</c> (skip every dependency).</summary>
    public List<string>? Skip { get; private set; }

    public List<string> Profiles { get; } = [];

    public string? Root { get; private set; }

    public Dictionary<ParameterMember, List<string>> Values { get; } = [];

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyList<ParameterMember> parameters)
    {
        var line = new CommandLine();
        var byKey = new Dictionary<string, ParameterMember>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            byKey.TryAdd(Names.Key(parameter.CliName), parameter);
            byKey.TryAdd(Names.Key(parameter.MemberName), parameter);
        }

        var i = 0;
        while (i < args.Count)
        {
            var arg = args[i++];
            if (!IsOption(arg))
            {
                line.Targets.Add(arg);
                continue;
            }

            var name = arg.TrimStart('-');
            string? inline = null;
            if (name.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            var values = new List<string>();
            if (inline is not null)
            {
                values.Add(inline);
            }

            while (i < args.Count && !IsOption(args[i]))
            {
                values.Add(args[i++]);
            }

            line.Apply(arg, Names.Key(name), values, byKey, parameters);
        }

        return line;
    }

    private void Apply(string arg, string key, List<string> values, Dictionary<string, ParameterMember> byKey, IReadOnlyList<ParameterMember> parameters)
    {
        switch (key)
        {
            case "help" or "h" or "?":
                Help = true;
                Targets.AddRange(values);
                return;
            case "plan":
                Plan = true;
                Targets.AddRange(values);
                return;
            case "force":
                Force = true;
                Targets.AddRange(values);
                return;
            case "verbose":
                Verbose = true;
                Targets.AddRange(values);
                return;
            case "target":
                Targets.AddRange(values);
                return;
            case "skip":
                Skip ??= [];
                Skip.AddRange(values);
                return;
            case "profile":
                if (values.Count == 0)
                {
                    throw new BuildError("--profile needs a name: --profile NAME reads .nuke/parameters.NAME.json");
                }

                Profiles.AddRange(values);
                return;
            case "root":
                if (values.Count == 0)
                {
                    throw new BuildError("--root needs a directory");
                }

                Root = values[0];
                Targets.AddRange(values.Skip(1));
                return;
        }

        if (!byKey.TryGetValue(key, out var parameter))
        {
            var known = BuiltInOptions.Select(o => "--" + o).Concat(parameters.Select(p => p.Option));
            throw new BuildError($"Unknown option {arg}.{Suggestions.DidYouMean(arg, known)} Run with --help to list every option.");
        }

        // A scalar takes one value and a bool only true/false, so `--configuration Release Test` still names the target Test.
        var taken = parameter switch
        {
            { IsArray: true } => values.Count,
            { IsBool: true } => values.Count > 0 && IsBoolText(values[0]) ? 1 : 0,
            _ => Math.Min(1, values.Count),
        };
        Values[parameter] = values.GetRange(0, taken);
        Targets.AddRange(values.Skip(taken));
    }

    private static bool IsBoolText(string value) =>
        value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "0" or "1";

    private static bool IsOption(string arg) => (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2) || arg is "-h" or "-?";
}
