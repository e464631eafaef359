using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>
/// A loopback TCP proxy between the client under test and a real server, which injects faults into the byte streams:
/// delays, tiny pieces, stalls, truncation, resets and injected bytes. Each accepted connection is set up by the
/// test's callback before a byte flows (rules fire at a marker or after N bytes), and can be faulted on demand.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly EndPoint _target;
    private readonly Action<ProxiedConnection>? _setup;
    private readonly Channel<ProxiedConnection> _accepted = Channel.CreateUnbounded<ProxiedConnection>();
    private readonly List<ProxiedConnection> _connections = [];
    private readonly Task _acceptLoop;

    private FaultProxy(EndPoint target, Action<ProxiedConnection>? setup)
    {
        _target = target;
        _setup = setup;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where clients connect.</summary>
    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>Starts a proxy to <paramref name="host"/>:<paramref name="port"/>; <paramref name="setup"/> scripts each connection.</summary>
    public static FaultProxy Start(string host, int port, Action<ProxiedConnection>? setup = null) =>
        new(new IPEndPoint(IPAddress.Parse(host), port), setup);

    /// <summary>The next connection accepted (in order), for faults on demand.</summary>
    public async Task<ProxiedConnection> NextConnectionAsync() =>
        await _accepted.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _acceptLoop;
        ProxiedConnection[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            connection.Reset();
        }

        await Task.WhenAll(connections.Select(c => c.Ended)).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return; // Disposed.
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(_target);
            }
            catch (SocketException)
            {
                server.Dispose();
                client.Dispose();
                continue;
            }

            // Each piece goes out as its own segment, so the client really reads it in pieces.
            client.NoDelay = true;
            server.NoDelay = true;
            var connection = new ProxiedConnection(client, server);
            _setup?.Invoke(connection);
            lock (_connections)
            {
                _connections.Add(connection);
            }

            connection.Start();
            _accepted.Writer.TryWrite(connection);
        }
    }
}
