using System.Net;
using System.Net.Sockets;

namespace ImapClient.TestServer;

internal static class FreePorts
{
    /// <summary>Asks the kernel for distinct free loopback ports; another process may still take one before Dovecot binds it.</summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                // All listeners stay open until every port is chosen, so the kernel cannot hand out one port twice.
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
