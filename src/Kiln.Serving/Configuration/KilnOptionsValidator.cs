using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Configuration;

/// <summary>Checks one bound options record: no key in its section that it does not have, and none of its <see cref="IKilnOptions.Problems"/>.</summary>
/// <typeparam name="T">The options record.</typeparam>
/// <param name="configuration">The configuration the record was bound from.</param>
internal sealed class KilnOptionsValidator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(IConfiguration configuration) : IValidateOptions<T>
    where T : class, IKilnOptions
{
    // The binder ignores keys it has no property for, so a mistyped key (Kiln__Model__Sha265) would silently skip the hash check.
    private static readonly string[] Keys =
        [.. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true).Select(p => p.Name)];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var section = configuration.GetSection(T.Section);
        List<string> problems =
        [
            .. section.GetChildren().Where(c => !Keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)).Select(c => KilnSettings.Unknown(c, Keys)),
            .. options.Problems(),
        ];
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
