namespace Kiln.Serving.Configuration;

/// <summary>An options record bound once from one configuration section and checked before the service starts.</summary>
/// <remarks>Its defaults are its property initializers: the one place each default is written.</remarks>
public interface IKilnOptions
{
    /// <summary>The configuration section it binds, e.g. <c>Kiln:Service</c>.</summary>
    static abstract string Section { get; }

    /// <summary>What is wrong with the bound values, each message naming the key and the value; empty when all is well.</summary>
    IEnumerable<string> Problems();
}
