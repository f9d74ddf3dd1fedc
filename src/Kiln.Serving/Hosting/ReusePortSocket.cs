using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Kiln.Serving.Hosting;

/// <summary>Creates Kestrel listen sockets with SO_REUSEPORT, so a new instance can bind the port before the old one stops.</summary>
public static class ReusePortSocket
{
    // Linux values from <asm-generic/socket.h>; .NET has no named option for SO_REUSEPORT.
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    /// <summary>Binds a listen socket for <paramref name="endpoint"/> with SO_REUSEPORT set (Linux only; elsewhere Kestrel's default).</summary>
    /// <param name="endpoint">The endpoint Kestrel listens on.</param>
    public static Socket Create(EndPoint endpoint)
    {
        if (endpoint is not IPEndPoint ip || !OperatingSystem.IsLinux())
        {
            return SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        }

        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            socket.Bind(ip);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
