using System.Reflection;
using System.Text.Json;
using Kiln.Naming;
using Kiln.Targets.Engine;

namespace Kiln.Targets.Parameters;

/// <summary>Finds [Parameter] members and sets them: command line, else environment, else profile files over parameters.json, else the initializer.</summary>
internal static class ParameterBinder
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        var types = new List<Type>();
        for (var type = buildType; type is not null && type != typeof(KilnBuild) && type != typeof(object); type = type.BaseType)
        {
            types.Insert(0, type);
        }

        var result = new List<ParameterMember>();
        foreach (var type in types)
        {
            foreach (var member in type.GetFields(Members).Cast<MemberInfo>().Concat(type.GetProperties(Members)))
            {
                if (member.GetCustomAttribute<ParameterAttribute>(inherit: true) is { } attribute)
                {
                    result.Add(new ParameterMember(member, attribute));
                }
            }
        }

        return result;
    }

    public static void Bind(
        KilnBuild build,
        IReadOnlyList<ParameterMember> parameters,
        CommandLine commandLine,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory)
    {
        var files = ReadFiles(parameters, build.RootDirectory, commandLine.Profiles);
        foreach (var parameter in parameters)
        {
            if (commandLine.Values.TryGetValue(parameter, out var cliValues))
            {
                parameter.SetValue(build, ValueConverter.Convert(parameter, cliValues, new ValueSource("the command line", workingDirectory)));
            }
            else if (FromEnvironment(parameter, environment) is var (variable, text))
            {
                var values = parameter.IsArray ? text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [text];
                parameter.SetValue(build, ValueConverter.Convert(parameter, values, new ValueSource($"environment variable {variable}", workingDirectory)));
            }
            else if (files.TryGetValue(parameter, out var fileValue))
            {
                parameter.SetValue(build, ValueConverter.Convert(parameter, fileValue.Values, fileValue.Source));
            }
        }
    }

    /// <summary>The values of every [Secret] parameter, to be masked in output.</summary>
    public static IEnumerable<string> SecretValues(KilnBuild build, IReadOnlyList<ParameterMember> parameters)
    {
        foreach (var parameter in parameters.Where(p => p.IsSecret))
        {
            switch (parameter.GetValue(build))
            {
                case null:
                    break;
                case Array array:
                    foreach (var item in array)
                    {
                        yield return item?.ToString() ?? string.Empty;
                    }

                    break;
                case var value:
                    yield return value.ToString() ?? string.Empty;
                    break;
            }
        }
    }

    private static (string Variable, string Value)? FromEnvironment(ParameterMember parameter, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var variable in new[] { parameter.MemberName, parameter.EnvironmentName })
        {
            if (environment.TryGetValue(variable, out var value))
            {
                return (variable, value);
            }
        }

        return null;
    }

    private static Dictionary<ParameterMember, (List<string> Values, ValueSource Source)> ReadFiles(
        IReadOnlyList<ParameterMember> parameters, AbsolutePath root, IReadOnlyList<string> profiles)
    {
        var result = new Dictionary<ParameterMember, (List<string>, ValueSource)>();
        var directory = root / ".nuke";
        var defaults = directory / "parameters.json";
        if (File.Exists(defaults))
        {
            ReadFile(defaults, parameters, root, result);
        }

        foreach (var profile in profiles)
        {
            var path = directory / $"parameters.{profile}.json";
            if (!File.Exists(path))
            {
                var known = directory.Exists()
                    ? Directory.EnumerateFiles(directory, "parameters.*.json").Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length]).Order(StringComparer.Ordinal).ToList()
                    : [];
                throw new BuildError($"Profile '{profile}' has no file {path.RelativeTo(root)}." +
                                     (known.Count > 0 ? $" Known profiles: {string.Join(", ", known)}." : string.Empty));
            }

            ReadFile(path, parameters, root, result);
        }

        return result;
    }

    private static void ReadFile(AbsolutePath path, IReadOnlyList<ParameterMember> parameters, AbsolutePath root,
        Dictionary<ParameterMember, (List<string>, ValueSource)> result)
    {
        var shownPath = path.RelativeTo(root);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new BuildError($"{shownPath}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({FirstSentence(e.Message)})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BuildError($"{shownPath}: expected a JSON object of parameter names to values");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$'))
                {
                    continue;
                }

                var parameter = parameters.FirstOrDefault(p => Names.Key(p.MemberName) == Names.Key(property.Name) || Names.Key(p.CliName) == Names.Key(property.Name))
                                ?? throw new BuildError($"{shownPath}: unknown parameter \"{property.Name}\".{Suggestions.DidYouMean(property.Name, parameters.Select(p => p.MemberName))}");
                var values = property.Value.ValueKind switch
                {
                    JsonValueKind.Array => property.Value.EnumerateArray().Select(e => Text(e, shownPath, property.Name)).ToList(),
                    JsonValueKind.Null => null,
                    _ => [Text(property.Value, shownPath, property.Name)],
                };
                if (values is not null)
                {
                    result[parameter] = (values, new ValueSource(shownPath, root));
                }
            }
        }
    }

    private static string Text(JsonElement element, string path, string name) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new BuildError($"{path}: \"{name}\" must be a string, number, bool or an array of these, not {element.ValueKind.ToString().ToLowerInvariant()}"),
    };

    private static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.');
}
