using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace ImapClient.Tests.Infrastructure;

/// <summary>How the scripted server delivers its bytes: in one write, or one byte per write and flush.</summary>
public enum Delivery
{
    Whole,
    ByteByByte,
}

/// <summary>
/// The server side of an in-memory duplex pipe. Tests script what it sends and read back, line by line, exactly
/// what the client wrote.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource _tlsStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Pipe _toClient = NewPipe();
    private Pipe _toServer = NewPipe();
    private readonly StringBuilder _received = new();

    public ScriptedServer(Delivery delivery = Delivery.Whole, bool allowPlaintext = true)
    {
        Delivery = delivery;
        AllowPlaintext = allowPlaintext;
    }

    public Delivery Delivery { get; }

    /// <summary>
    /// Whether connections opt in to plaintext credentials: the in-memory pipe is "unencrypted", and most tests are
    /// about other things than that guard.
    /// </summary>
    public bool AllowPlaintext { get; }

    /// <summary>Completes when the client ran the simulated STARTTLS handshake and the server switched to the new pipes.</summary>
    public Task TlsStarted => _tlsStarted.Task;

    /// <summary>The client's end of the pipe.</summary>
    public IDuplexPipe ClientPipe => new DuplexPipe(_toClient.Reader, _toServer.Writer);

    /// <summary>The server's raw ends, for tests that layer something (deflate) over the bytes.</summary>
    public PipeReader FromClient => _toServer.Reader;

    /// <summary>The server's raw writing end.</summary>
    public PipeWriter ToClient => _toClient.Writer;

    /// <summary>Everything the client wrote that the server has read so far.</summary>
    public string Received => _received.ToString();

    /// <summary>Connects a client and sends <paramref name="greeting"/>.</summary>
    public async Task<ImapConnection> ConnectAsync(string greeting = "* OK IMAP4rev1 Service Ready\r\n", ImapConnectionOptions? options = null)
    {
        options ??= new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(10) };
        options.AllowPlaintextAuthentication |= AllowPlaintext;
        var connecting = ImapConnection.ConnectAsync(ClientPipe, options, SimulateTlsHandshakeAsync);
        await SendAsync(greeting);
        return await connecting.WaitAsync(ReadTimeout);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        if (Delivery == Delivery.Whole)
        {
            await _toClient.Writer.WriteAsync(bytes);
            return;
        }

        foreach (var b in bytes)
        {
            await _toClient.Writer.WriteAsync(new[] { b });
        }
    }

    /// <summary>Reads one line the client wrote (CRLF included).</summary>
    public async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        while (true)
        {
            var result = await _toServer.Reader.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            var lf = buffer.PositionOf((byte)'\n');
            if (lf is { } end)
            {
                var line = buffer.Slice(0, buffer.GetPosition(1, end));
                var text = Encoding.UTF8.GetString(line);
                _toServer.Reader.AdvanceTo(line.End);
                _received.Append(text);
                return text;
            }

            _toServer.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException("The client closed its side before writing a whole line.");
            }
        }
    }

    /// <summary>
    /// Reads one whole command as bytes: its lines, and for each literal it announces exactly the announced bytes
    /// (a synchronizing literal is answered with a continuation first). A CR or LF inside a literal stays inside it.
    /// </summary>
    public async Task<byte[]> ReadCommandAsync()
    {
        var command = new List<byte>();
        while (true)
        {
            var line = await ReadLineBytesAsync();
            command.AddRange(line);
            if (LiteralAnnounced(line) is not { } literal)
            {
                return [.. command];
            }

            if (literal.Synchronizing)
            {
                await SendAsync("+ go ahead\r\n");
            }

            command.AddRange(await ReadBytesAsync(literal.Length));
        }
    }

    /// <summary>The literal a line ends with (<c>{n}</c> or <c>{n+}</c> before CRLF), if any.</summary>
    private static (int Length, bool Synchronizing)? LiteralAnnounced(byte[] line)
    {
        var text = Encoding.Latin1.GetString(line);
        var open = text.LastIndexOf('{');
        if (!text.EndsWith("}\r\n", StringComparison.Ordinal) || open < 0)
        {
            return null;
        }

        var inside = text[(open + 1)..^3];
        var synchronizing = !inside.EndsWith('+');
        return int.TryParse(synchronizing ? inside : inside[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? (n, synchronizing)
            : null;
    }

    private async Task<byte[]> ReadLineBytesAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        while (true)
        {
            var result = await _toServer.Reader.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, buffer.GetPosition(1, end)).ToArray();
                _toServer.Reader.AdvanceTo(buffer.GetPosition(1, end));
                _received.Append(Encoding.UTF8.GetString(line));
                return line;
            }

            _toServer.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException("The client closed its side before writing a whole line.");
            }
        }
    }

    private async Task<byte[]> ReadBytesAsync(int count)
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        while (true)
        {
            var result = await _toServer.Reader.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            if (buffer.Length >= count)
            {
                var bytes = buffer.Slice(0, count).ToArray();
                _toServer.Reader.AdvanceTo(buffer.GetPosition(count));
                _received.Append(Encoding.UTF8.GetString(bytes));
                return bytes;
            }

            _toServer.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException($"The client closed its side before writing {count} bytes.");
            }
        }
    }

    /// <summary>Reads a client line, asserts it is <paramref name="expected"/> after its tag, and returns the tag.</summary>
    public async Task<string> ExpectCommandAsync(string expected)
    {
        var line = await ReadLineAsync();
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        Assert.That(space, Is.GreaterThan(0), $"the client wrote an untagged line: {line}");
        Assert.That(line[(space + 1)..], Is.EqualTo(expected + "\r\n"));
        return line[..space];
    }

    /// <summary>Closes the server's side: the client sees the end of the stream.</summary>
    public Task CloseAsync() => _toClient.Writer.CompleteAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        await _toClient.Writer.CompleteAsync();
        await _toServer.Reader.CompleteAsync();
    }

    /// <summary>
    /// Stands in for the TLS handshake: the plaintext pipes are abandoned (whatever the server wrote into them after
    /// its OK is lost, as it is with real TLS) and both sides continue on fresh ones.
    /// </summary>
    private Task<IDuplexPipe> SimulateTlsHandshakeAsync(CancellationToken cancellationToken)
    {
        _toClient = NewPipe();
        _toServer = NewPipe();
        _tlsStarted.TrySetResult();
        return Task.FromResult(ClientPipe);
    }

    private static Pipe NewPipe() => new(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
}
