using Microsoft.Extensions.Options;

namespace Kiln.Serving.Configuration;

/// <summary>Rejects a section under <c>Kiln</c> that no options record reads, such as a mistyped <c>Kiln:Limit</c>.</summary>
/// <param name="configuration">The app configuration.</param>
internal sealed class KilnSectionsValidator(IConfiguration configuration) : IValidateOptions<ServiceOptions>
{
    private static readonly string[] Known = [.. KilnSettings.Sections.Select(s => s[(KilnSettings.Root.Length + 1)..])];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ServiceOptions options)
    {
        var unknown = configuration.GetSection(KilnSettings.Root).GetChildren().Where(c => !Known.Contains(c.Key, StringComparer.OrdinalIgnoreCase)).ToList();
        return unknown.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(unknown.Select(c => KilnSettings.Unknown(c, Known)));
    }
}
