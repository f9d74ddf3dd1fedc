namespace Kiln.Registry;

/// <summary>An alias move refused because the alias moved since the mover looked; the message says where it points now.</summary>
public sealed class AliasConflictException(string message) : RegistryException(message);
