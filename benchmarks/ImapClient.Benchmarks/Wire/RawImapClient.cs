using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ImapClient.Benchmarks.Wire;

/// <summary>
/// A bare socket speaking IMAP by hand: the capture tool records responses with it, and the "raw" benchmark uses it
/// as the upper bound, reading a response while doing nothing but counting bytes until the tagged completion.
/// </summary>
internal sealed class RawImapClient : IAsyncDisposable
{
    /// <summary>No exchange of the harness takes this long: a server that stops answering fails the run, not hangs it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[256 * 1024];
    private int _tag;

    private RawImapClient(Socket socket) => _socket = socket;

    public static async Task<RawImapClient> ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            var client = new RawImapClient(socket);
            var greeting = await client.ReadUntilAsync("* ", cancellationToken);
            if (!greeting.StartsWith("* OK", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Unexpected greeting: {greeting}");
            }

            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>LOGIN with quoted strings (the harness's credentials need no literals).</summary>
    public Task LoginAsync(string user, string password, CancellationToken cancellationToken = default) =>
        RunAsync($"LOGIN \"{user}\" \"{password}\"", cancellationToken);

    /// <summary>Runs a command and returns its whole response as text; throws unless it completes with OK.</summary>
    public async Task<string> RunAsync(string command, CancellationToken cancellationToken = default)
    {
        var bytes = await CaptureAsync(command, cancellationToken);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// Runs a command and returns its untagged responses, byte for byte, without the tagged completion (which must
    /// be OK). Literals are followed, so their contents never end the response early.
    /// </summary>
    public async Task<byte[]> CaptureAsync(string command, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        cancellationToken = timeout.Token;
        var tag = await SendAsync(command, cancellationToken);
        var tagBytes = Encoding.ASCII.GetBytes(tag + " ");
        using var received = new MemoryStream();
        var scanned = 0;
        while (true)
        {
            var n = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            received.Write(_buffer, 0, n);
            var data = received.GetBuffer().AsSpan(0, (int)received.Length);
            while (ImapWire.ResponseEnd(data, scanned) is var end and >= 0)
            {
                if (data[scanned..].StartsWith(tagBytes))
                {
                    var completion = Encoding.UTF8.GetString(data[scanned..end]);
                    if (!completion.AsSpan(tagBytes.Length).StartsWith("OK", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"'{command}' failed: {completion.TrimEnd()}");
                    }

                    return data[..scanned].ToArray();
                }

                scanned = end;
            }
        }
    }

    /// <summary>
    /// Runs a command and counts the bytes of its response until the tagged completion line has arrived, looking
    /// only for CRLF + tag (the corpus has no literal that could contain it), and not checking that it says OK.
    /// Returns the byte count.
    /// </summary>
    public async Task<long> CountAsync(string command, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        cancellationToken = timeout.Token;
        var tag = await SendAsync(command, cancellationToken);
        var marker = Encoding.ASCII.GetBytes("\r\n" + tag + " ");
        long total = 0;

        // Bytes kept at the buffer's start from the previous read, so a marker split by reads is seen. It starts as
        // the CRLF that ended our command, so a response that is only the tagged line is recognised too.
        "\r\n"u8.CopyTo(_buffer);
        var carry = 2;
        var found = -1;
        while (true)
        {
            var n = await _socket.ReceiveAsync(_buffer.AsMemory(carry), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            total += n;
            var window = _buffer.AsSpan(0, carry + n);
            if (found < 0)
            {
                var at = window.IndexOf(marker);
                if (at >= 0)
                {
                    found = at + marker.Length;
                }
            }

            if (found >= 0)
            {
                // The completion line ends at the next LF.
                if (window[found..].IndexOf((byte)'\n') >= 0)
                {
                    return total;
                }

                // Keep from the marker on; rare (the completion line split across reads).
                window[(found - marker.Length)..].CopyTo(_buffer);
                carry = window.Length - (found - marker.Length);
                found = marker.Length;
                continue;
            }

            carry = Math.Min(marker.Length - 1, window.Length);
            window[^carry..].CopyTo(_buffer);
        }
    }

    /// <summary>
    /// Sends <paramref name="count"/> copies of a command that answers with one line, keeping
    /// <paramref name="window"/> of them in flight: each read's completions are replaced by as many new commands in
    /// one write. Nothing is parsed; a line is a completion when it starts with the tag prefix. The bound the server
    /// and loopback set for a client that pipelines. Returns the completions seen.
    /// </summary>
    public async Task<int> PipelineAsync(string command, int count, int window, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        cancellationToken = timeout.Token;
        var one = Encoding.ASCII.GetBytes($"P {command}\r\n");
        var batch = new byte[one.Length * window];
        for (var i = 0; i < window; i++)
        {
            one.CopyTo(batch, i * one.Length);
        }

        var sent = Math.Min(window, count);
        await _socket.SendAsync(batch.AsMemory(0, sent * one.Length), SocketFlags.None, cancellationToken);
        var completed = 0;
        var atLineStart = true;
        while (completed < count)
        {
            var n = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            var done = 0;
            foreach (var b in _buffer.AsSpan(0, n))
            {
                if (atLineStart && b == (byte)'P')
                {
                    done++;
                }

                atLineStart = b == (byte)'\n';
            }

            completed += done;
            var more = Math.Min(done, count - sent);
            if (more > 0)
            {
                sent += more;
                await _socket.SendAsync(batch.AsMemory(0, more * one.Length), SocketFlags.None, cancellationToken);
            }
        }

        return completed;
    }

    private async Task<string> SendAsync(string command, CancellationToken cancellationToken)
    {
        var tag = string.Create(CultureInfo.InvariantCulture, $"R{++_tag:D5}");
        await _socket.SendAsync(Encoding.UTF8.GetBytes($"{tag} {command}\r\n"), SocketFlags.None, cancellationToken);
        return tag;
    }

    private async Task<string> ReadUntilAsync(string prefix, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        while (true)
        {
            var n = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            received.Write(_buffer, 0, n);
            var data = received.GetBuffer().AsSpan(0, (int)received.Length);
            if (ImapWire.ResponseEnd(data, 0) is var end and >= 0)
            {
                var line = Encoding.UTF8.GetString(data[..end]);
                return line.StartsWith(prefix, StringComparison.Ordinal) ? line : throw new InvalidOperationException($"Unexpected: {line}");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
