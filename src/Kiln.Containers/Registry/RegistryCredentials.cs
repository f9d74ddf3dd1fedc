namespace Kiln.Containers;

/// <summary>Registry credentials; passed to the engine only as an AuthConfig header, never printed (ToString masks the password).</summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The password or token.</param>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>Shows the user, never the password.</summary>
    public override string ToString() => $"RegistryCredentials {{ Username = {Username}, Password = *** }}";

    internal Docker.DotNet.Models.AuthConfig ToAuthConfig(string registry) => new() { Username = Username, Password = Password, ServerAddress = registry };
}
