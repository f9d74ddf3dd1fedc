using System.Net;
using Microsoft.Extensions.Options;

namespace Kiln.Dashboard.Hosting;

/// <summary>Checks the dashboard settings at start-up; each failure names the key, the value and what to do.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    /// <summary>The shortest token accepted: long enough that it cannot be guessed by trying.</summary>
    public const int MinimumTokenLength = 16;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var failures = new List<string>();
        const string Prefix = DashboardOptions.Section + ":";
        if (!IPAddress.TryParse(options.Address, out var address))
        {
            failures.Add($"{Prefix}Address '{options.Address}' is not an IP address; use 127.0.0.1 (the default) or ::1");
        }
        else if (!IPAddress.IsLoopback(address) && !options.AllowRemote)
        {
            failures.Add($"{Prefix}Address {options.Address} is not a loopback address; the dashboard only listens on loopback unless {Prefix}AllowRemote is true (then put it behind TLS and set a token)");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{Prefix}Port {options.Port} is not a port; use 1-65535, or 0 for a free one");
        }

        if (options.Token is { Length: > 0 and < MinimumTokenLength })
        {
            failures.Add($"{Prefix}Token is {options.Token.Length} characters long; use at least {MinimumTokenLength} (e.g. openssl rand -hex 16)");
        }

        if (options.PageSize is < 10 or > 500)
        {
            failures.Add($"{Prefix}PageSize {options.PageSize} is out of range; use 10-500");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
