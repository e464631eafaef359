using System.Net.Sockets;

namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>One client connection through the proxy: the client's socket, the server's socket, and a pump each way.</summary>
internal sealed class ProxiedConnection
{
    private readonly Socket _client;
    private readonly Socket _server;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tornDown;
    private int _pumpsRunning = 2;

    internal ProxiedConnection(Socket client, Socket server)
    {
        _client = client;
        _server = server;
        ToClient = new FaultDirection("to client", server, client, this);
        ToServer = new FaultDirection("to server", client, server, this);
    }

    /// <summary>What the server sends, on its way to the client.</summary>
    public FaultDirection ToClient { get; }

    /// <summary>What the client sends, on its way to the server.</summary>
    public FaultDirection ToServer { get; }

    /// <summary>Completes when both pumps have stopped and both sockets are closed.</summary>
    public Task Ended => _ended.Task;

    internal bool IsTornDown => Volatile.Read(ref _tornDown) != 0;

    /// <summary>Both peers get a TCP RST (linger 0), as when a middlebox or the server's host drops the connection.</summary>
    public void Reset() => TearDown(abortive: true);

    /// <summary>Both peers read the end of the stream, as when the server closes without a word.</summary>
    public void Close() => TearDown(abortive: false);

    internal void Start()
    {
        _ = Task.Run(ToClient.PumpAsync);
        _ = Task.Run(ToServer.PumpAsync);
    }

    internal void PumpEnded()
    {
        if (Interlocked.Decrement(ref _pumpsRunning) == 0)
        {
            // Both sides closed normally (or the connection was torn down): nothing is left to forward.
            TearDown(abortive: false);
            _ended.TrySetResult();
        }
    }

    private void TearDown(bool abortive)
    {
        if (Interlocked.Exchange(ref _tornDown, 1) != 0)
        {
            return;
        }

        foreach (var socket in new[] { _client, _server })
        {
            try
            {
                if (abortive)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                else
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed by the peer: closing it is all that is left to do.
            }

            socket.Dispose();
        }

        ToClient.Release();
        ToServer.Release();
    }
}
