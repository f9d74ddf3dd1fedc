namespace Kiln.Registry;

/// <summary>A registry failure the user can act on; the message names what was wrong and where.</summary>
public class RegistryException(string message, Exception? innerException = null) : Exception(message, innerException);
