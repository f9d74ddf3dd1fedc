namespace Kiln.Registry;

/// <summary>A run, model, version or alias that does not exist; the message lists what does.</summary>
public sealed class RegistryEntryNotFoundException(string message) : RegistryException(message);
