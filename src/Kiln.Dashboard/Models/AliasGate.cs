using System.Security.Cryptography;
using System.Text;
using Kiln.Dashboard.Hosting;
using Kiln.Hashing;
using Microsoft.Extensions.Options;

namespace Kiln.Dashboard.Models;

/// <summary>Decides whether an alias move may happen: only when a token is configured, and only with that token.</summary>
/// <param name="options">The dashboard settings holding the token.</param>
public sealed class AliasGate(IOptions<DashboardOptions> options)
{
    /// <summary>Whether alias moves are enabled at all.</summary>
    public bool Enabled => options.Value.CanMoveAliases;

    /// <summary>Whether <paramref name="token"/> is the configured token (compared in constant time, as equal-length hashes).</summary>
    public bool Accepts(string? token) =>
        Enabled && token is not null
        && CryptographicOperations.FixedTimeEquals(Digest(token), Digest(options.Value.Token!));

    private static byte[] Digest(string text) => Encoding.ASCII.GetBytes(FileHash.Sha256(Encoding.UTF8.GetBytes(text)));
}
