using System.Globalization;
using System.Text;
using ImapClient.Benchmarks.Wire;

namespace ImapClient.Benchmarks.Replay;

/// <summary>What the replaying server answers: recorded untagged data for FETCH, LIST and SEARCH.</summary>
internal sealed class ReplayScript
{
    public const string Capabilities = "IMAP4rev1 LITERAL+ IDLE UNSELECT";

    public ReplayScript(byte[] fetch, byte[]? list = null, byte[]? search = null)
    {
        Fetch = fetch;
        Exists = fetch.Length == 0 ? 0 : CaptureData.CountResponses(fetch);
        List = list;
        Search = search;
    }

    /// <summary>The untagged FETCH responses sent for any FETCH or UID FETCH.</summary>
    public byte[] Fetch { get; }

    /// <summary>The mailbox size SELECT reports: the number of FETCH responses.</summary>
    public int Exists { get; }

    /// <summary>The untagged LIST responses for a <c>*</c> or <c>%</c> pattern.</summary>
    public byte[]? List { get; }

    /// <summary>The untagged SEARCH response.</summary>
    public byte[]? Search { get; }
}

/// <summary>
/// An in-memory duplex stream playing an IMAP server from a script: it greets, accepts LOGIN, answers SELECT, and
/// answers every FETCH with the recorded responses under the tag the client used. Reads return at most
/// <c>maxReadSize</c> bytes, and never span two server writes; a read with nothing to return waits for the client's
/// next command, like a socket. Both libraries connect through the same class, so its cost is the same for both.
/// </summary>
internal sealed class ScriptedImapStream : Stream
{
    private static readonly byte[] Greeting = Encoding.ASCII.GetBytes($"* OK [CAPABILITY {ReplayScript.Capabilities}] Replay ready.\r\n");

    private readonly ReplayScript _script;
    private readonly int _maxReadSize;
    private readonly Lock _gate = new();
    private readonly Queue<ReadOnlyMemory<byte>> _outgoing = new();
    private readonly MemoryStream _incoming = new();
    private ReadOnlyMemory<byte> _current;
    private TaskCompletionSource? _waiter;
    private int _continued; // offset in _incoming up to which literals were already answered with "+"
    private bool _closing;
    private bool _disposed;

    public ScriptedImapStream(ReplayScript script, int maxReadSize = int.MaxValue)
    {
        _script = script;
        _maxReadSize = maxReadSize;
        _outgoing.Enqueue(Greeting);
    }

    /// <summary>Bytes the client has read so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (TryTake(buffer, out var n))
                {
                    return n;
                }

                wait = Waiter();
            }

            wait.GetAwaiter().GetResult();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (TryTake(buffer.Span, out var n))
                {
                    return n;
                }

                wait = Waiter();
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            _incoming.Write(buffer);
            ProcessCommands();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _disposed = true;
            Wake();
        }

        base.Dispose(disposing);
    }

    private bool TryTake(Span<byte> buffer, out int n)
    {
        if (_current.IsEmpty && _outgoing.Count > 0)
        {
            _current = _outgoing.Dequeue();
        }

        if (!_current.IsEmpty)
        {
            n = Math.Min(Math.Min(buffer.Length, _maxReadSize), _current.Length);
            _current.Span[..n].CopyTo(buffer);
            _current = _current[n..];
            BytesRead += n;
            return true;
        }

        n = 0;
        return _closing || _disposed;
    }

    private Task Waiter()
    {
        _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _waiter.Task;
    }

    private void Wake()
    {
        _waiter?.TrySetResult();
        _waiter = null;
    }

    private void Send(ReadOnlyMemory<byte> bytes)
    {
        _outgoing.Enqueue(bytes);
        Wake();
    }

    private void Send(string text) => Send(Encoding.ASCII.GetBytes(text));

    /// <summary>Answers every complete command the client has written; a command's literals belong to it.</summary>
    private void ProcessCommands()
    {
        var data = _incoming.GetBuffer().AsSpan(0, (int)_incoming.Length);
        var start = 0;
        while (true)
        {
            var position = start;
            var complete = false;
            while (true)
            {
                var lf = data[position..].IndexOf((byte)'\n');
                if (lf < 0)
                {
                    break;
                }

                var lineEnd = position + lf + 1;
                if (ImapWire.TryLiteralLength(data[position..(lineEnd - 1)], out var literal))
                {
                    var synchronizing = data[..lineEnd].TrimEnd("\r\n}"u8)[^1] != (byte)'+';
                    if (synchronizing && lineEnd > _continued)
                    {
                        Send("+ Ready for literal data\r\n");
                        _continued = lineEnd;
                    }

                    if (lineEnd + literal > data.Length)
                    {
                        break;
                    }

                    position = lineEnd + (int)literal;
                    continue;
                }

                Answer(Encoding.UTF8.GetString(data[start..lineEnd]).TrimEnd());
                start = lineEnd;
                complete = true;
                break;
            }

            if (!complete)
            {
                break;
            }
        }

        // Keep only the unanswered rest: a partial line, or a command still receiving its literal.
        var rest = data[start..].ToArray();
        _incoming.SetLength(0);
        _incoming.Write(rest);
        _continued = Math.Max(0, _continued - start);
    }

    private void Answer(string line)
    {
        var words = line.Split(' ', 4);
        var tag = words[0];
        var command = words.Length > 1 ? words[1].ToUpperInvariant() : string.Empty;
        if (command == "UID" && words.Length > 2)
        {
            command = words[2].ToUpperInvariant();
        }

        switch (command)
        {
            case "CAPABILITY":
                Send($"* CAPABILITY {ReplayScript.Capabilities}\r\n{tag} OK Capability completed.\r\n");
                break;
            case "LOGIN" or "AUTHENTICATE":
                Send($"{tag} OK [CAPABILITY {ReplayScript.Capabilities}] Logged in\r\n");
                break;
            case "SELECT" or "EXAMINE":
                Send(string.Create(CultureInfo.InvariantCulture,
                    $"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n" +
                    $"* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n" +
                    $"* {_script.Exists} EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1764150000] UIDs valid\r\n" +
                    $"* OK [UIDNEXT {_script.Exists + 1}] Predicted next UID\r\n" +
                    $"{tag} OK [{(command == "SELECT" ? "READ-WRITE" : "READ-ONLY")}] Select completed.\r\n"));
                break;
            case "FETCH":
                Send(_script.Fetch);
                Send($"{tag} OK Fetch completed.\r\n");
                break;
            case "SEARCH":
                Send(_script.Search ?? Encoding.ASCII.GetBytes("* SEARCH\r\n"));
                Send($"{tag} OK Search completed.\r\n");
                break;
            case "LIST":
                // Quoted or bare, so that MailKit's LIST "" "*" and our LIST "" * get the same recorded answer.
                var pattern = line[(line.LastIndexOf(' ') + 1)..].Trim('"');
                if (pattern.Length == 0)
                {
                    Send("* LIST (\\Noselect) \"/\" \"\"\r\n");
                }
                else if (_script.List is { } list && pattern is "*" or "%")
                {
                    Send(list);
                }
                else if (pattern.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
                {
                    Send("* LIST (\\HasNoChildren) \"/\" INBOX\r\n");
                }

                Send($"{tag} OK List completed.\r\n");
                break;
            case "LOGOUT":
                Send($"* BYE Logging out\r\n{tag} OK Logout completed.\r\n");
                _closing = true;
                break;
            case "NOOP" or "CHECK" or "LSUB" or "CLOSE" or "UNSELECT" or "ENABLE" or "ID":
                Send($"{tag} OK {command} completed.\r\n");
                break;
            default:
                Send($"{tag} BAD Not scripted: {command}\r\n");
                break;
        }
    }
}
