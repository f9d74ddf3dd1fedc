using System.Net;
using System.Net.Sockets;

namespace Kiln.Registry.Tests.Fixtures;

/// <summary>A loopback TCP forwarder in front of a real server, which a test stops and starts on the same port: to the client, the server going away and coming back.</summary>
/// <remarks>Stopping closes the listener and every forwarded connection, as a server restart or a network cut ends them; starting listens on the same port again.</remarks>
internal sealed class TcpForwarder(string targetHost, int targetPort) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;

    /// <summary>The loopback port clients connect to; fixed at the first <see cref="Start"/>.</summary>
    public int Port { get; private set; }

    /// <summary>Listens (again) on <see cref="Port"/> and forwards each connection to the target.</summary>
    public void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    /// <summary>Stops listening and cuts every forwarded connection.</summary>
    public void Stop()
    {
        _listener?.Stop();
        _listener = null;
        lock (_gate)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Dispose() => Stop();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(targetHost, targetPort);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_gate)
            {
                _open.Add(client);
                _open.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
            // A cut connection ends its pump; the client sees the socket close.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
