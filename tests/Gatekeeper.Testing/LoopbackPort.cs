using System.Net;
using System.Net.Sockets;

namespace Gatekeeper.Testing;

/// <summary>Loopback ports for servers whose address another party must know before they start.</summary>
public static class LoopbackPort
{
    /// <summary>A port free at the time of asking.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
